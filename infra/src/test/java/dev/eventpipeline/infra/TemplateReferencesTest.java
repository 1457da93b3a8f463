package dev.eventpipeline.infra;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateReferencesTest {

    @Test
    void dangling_shouldBeEmpty_whenCheckingTheSamTemplate() {
        // GIVEN
        Map<String, Object> template = SamTemplate.load().root();

        // WHEN
        List<String> dangling = TemplateReferences.dangling(template);

        // THEN
        assertThat(dangling).isEmpty();
    }

    @Test
    void dangling_shouldNameEachMissingTarget_whenReferencesPointNowhere() {
        // GIVEN
        Map<String, Object> template = CloudFormationYaml.read("""
                Parameters:
                  StageName: { Type: String }
                Conditions:
                  IsProd: !Equals [!Ref StageName, prod]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub ${AWS::StackName}-${StageName}-${Missing}-${!Literal}
                      DelaySeconds: !If [IsStaging, 1, !Ref AWS::NoValue]
                      Tags:
                        - Key: table
                          Value: !GetAtt Table.Arn
                        - Key: other
                          Value: !Ref OtherQueue
                        - Key: local
                          Value: !Sub [ "${Local}-${Queue.Arn}", { Local: x } ]
                """);

        // WHEN
        List<String> dangling = TemplateReferences.dangling(template);

        // THEN
        assertThat(dangling).containsExactlyInAnyOrder(
                "Fn::Sub ${Missing}: no resource, parameter or pseudo parameter Missing",
                "Fn::If IsStaging: no condition of that name",
                "Fn::GetAtt Table.Arn: no resource Table",
                "Ref OtherQueue: no resource, parameter or pseudo parameter of that name");
    }
}
