package dev.eventpipeline.infra;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IamPoliciesTest {

    @Test
    void wildcardGrants_shouldBeEmpty_whenCheckingTheSamTemplate() {
        // GIVEN
        Map<String, Object> template = SamTemplate.load().root();

        // WHEN
        List<String> grants = IamPolicies.wildcardGrants(template);

        // THEN
        assertThat(grants).isEmpty();
    }

    @Test
    void wildcardGrants_shouldNameTheRoleAndAction_whenADataActionIsAllowedOnEverything() {
        // GIVEN
        Map<String, Object> template = CloudFormationYaml.read("""
                Conditions:
                  Always: !Equals [a, a]
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {}
                      Policies:
                        - PolicyName: too-wide
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: [dynamodb:PutItem, ecr:GetAuthorizationToken]
                                Resource: "*"
                              - Effect: Deny
                                Action: sqs:*
                                Resource: "*"
                              - !If
                                - Always
                                - Effect: Allow
                                  Action: sqs:SendMessage
                                  Resource: ["arn:aws:sqs:eu-west-1:123456789012:q", "*"]
                                - !Ref AWS::NoValue
                  Function:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies: [AmazonDynamoDBFullAccess]
                """);

        // WHEN
        List<String> grants = IamPolicies.wildcardGrants(template);

        // THEN
        assertThat(grants).containsExactlyInAnyOrder(
                "Role: allows dynamodb:PutItem on *; name the resources instead",
                "Role: allows sqs:SendMessage on *; name the resources instead",
                "Function: policy AmazonDynamoDBFullAccess is not an inline document and cannot be checked here");
    }
}
