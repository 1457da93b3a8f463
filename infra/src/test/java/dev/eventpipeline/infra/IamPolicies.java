package dev.eventpipeline.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds IAM statements of a template that allow an action on every resource ({@code "Resource": "*"}) although the
 * action could be scoped, and policies whose statements cannot be seen in the template at all (managed policies).
 * <p>
 * Only a few actions have no resource to scope and may stand on {@code *}; each is listed in
 * {@link #UNSCOPABLE_ACTIONS} with the reason.
 */
final class IamPolicies {

    /**
     * Actions that IAM authorises on {@code *} only: a registry login token, X-Ray segments and custom metrics are not
     * data of any resource of this stack.
     */
    static final Set<String> UNSCOPABLE_ACTIONS = Set.of("ecr:GetAuthorizationToken", "xray:PutTraceSegments",
            "xray:PutTelemetryRecords", "cloudwatch:PutMetricData");

    private final List<String> problems = new ArrayList<>();

    private IamPolicies() {
    }

    /** One line per statement or policy that breaks least privilege, naming the resource and the action. */
    static List<String> wildcardGrants(Map<String, Object> template) {
        IamPolicies policies = new IamPolicies();
        Nodes.map(template.get("Resources")).forEach((id, resource) -> policies.checkResource(id, Nodes.map(resource)));
        return policies.problems;
    }

    private void checkResource(String id, Map<String, Object> resource) {
        Map<String, Object> properties = Nodes.map(resource.get("Properties"));
        switch (String.valueOf(resource.get("Type"))) {
            case "AWS::IAM::Role" -> checkRole(id, properties);
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::SQS::QueuePolicy" ->
                checkDocument(id, properties.get("PolicyDocument"));
            case SamTemplate.FUNCTION -> checkFunctionPolicies(id, properties);
            default -> {
            }
        }
    }

    private void checkRole(String id, Map<String, Object> role) {
        Nodes.list(role.get("Policies")).forEach(policy -> checkDocument(id, Nodes.map(policy).get("PolicyDocument")));
        if (role.containsKey("ManagedPolicyArns")) {
            problems.add(id + ": ManagedPolicyArns grant statements that cannot be checked here; write them inline");
        }
    }

    /** SAM {@code Policies}: inline documents are checked; names of managed policies or policy templates are not seen. */
    private void checkFunctionPolicies(String id, Map<String, Object> function) {
        for (Object policy : Nodes.oneOrMany(function.get("Policies"))) {
            if (Nodes.map(policy).containsKey("Statement")) {
                checkDocument(id, policy);
            } else {
                problems.add(id + ": policy " + policy + " is not an inline document and cannot be checked here");
            }
        }
    }

    private void checkDocument(String id, Object document) {
        for (Object statement : Nodes.oneOrMany(Nodes.map(document).get("Statement"))) {
            branches(statement).forEach(branch -> checkStatement(id, branch));
        }
    }

    /** A statement, or both statements of an {@code Fn::If} that chooses between statements. */
    private static List<Map<String, Object>> branches(Object statement) {
        if (!"Fn::If".equals(Nodes.functionName(statement))) {
            return List.of(Nodes.map(statement));
        }
        List<Object> choice = Nodes.list(Nodes.map(statement).get("Fn::If"));
        return choice.subList(1, 3).stream()
                .filter(branch -> !"Ref".equals(Nodes.functionName(branch)))
                .map(Nodes::map)
                .toList();
    }

    private void checkStatement(String id, Map<String, Object> statement) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return;
        }
        if (statement.containsKey("NotResource") || statement.containsKey("NotAction")) {
            problems.add(id + ": an Allow with NotResource or NotAction grants more than it names");
        }
        if (Nodes.oneOrMany(statement.get("Resource")).contains("*")) {
            Nodes.oneOrMany(statement.get("Action")).stream()
                    .filter(action -> !UNSCOPABLE_ACTIONS.contains(action))
                    .forEach(action -> problems.add(id + ": allows " + action + " on *; name the resources instead"));
        }
    }
}
