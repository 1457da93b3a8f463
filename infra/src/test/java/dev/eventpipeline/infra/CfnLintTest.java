package dev.eventpipeline.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the CloudFormation linter on the template, as a reviewer would before deploying: it knows every resource type's
 * schema, SAM's transform and AWS's limits (valid Fargate CPU and memory pairs, IAM action names, ...).
 *
 * @see <a href="https://github.com/aws-cloudformation/cfn-lint">cfn-lint</a>
 */
class CfnLintTest {

    /** Where pip, pipx and pyenv put the command when their folder is not on the PATH of the build. */
    private static final List<String> USUAL_FOLDERS = List.of(".local/bin", ".pyenv/shims");

    /** Bounds the wait on a hung linter; a normal run takes a few seconds. */
    private static final long LINT_TIMEOUT_SECONDS = 300;

    @Test
    void cfnLint_shouldReportNothing_whenLintingTheTemplate() throws Exception {
        // GIVEN
        Path cfnLint = findCfnLint().orElseGet(() -> fail("cfn-lint is required to check infra/sam-template.yaml but"
                + " was not found on the PATH (nor in ~/.local/bin or ~/.pyenv/shims). Install it with"
                + " 'pipx install cfn-lint' or 'pip install --user cfn-lint', then run the build again."));

        // WHEN
        LintResult result = lint(cfnLint, SamTemplate.load().file());

        // THEN
        assertThat(result.output()).as("cfn-lint findings (errors, warnings and informational)").isEmpty();
        assertThat(result.exitCode()).as("cfn-lint exit code").isZero();
    }

    private record LintResult(int exitCode, String output) {
    }

    private static LintResult lint(Path cfnLint, Path template) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(cfnLint.toString(), "--format", "parseable",
                "--include-checks", "I", "--", template.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(LINT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("cfn-lint did not finish within " + LINT_TIMEOUT_SECONDS + " s");
        }
        return new LintResult(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    }

    private static Optional<Path> findCfnLint() {
        List<Path> folders = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            folders.add(Path.of(entry));
        }
        USUAL_FOLDERS.forEach(folder -> folders.add(Path.of(System.getProperty("user.home"), folder)));
        return folders.stream()
                .map(folder -> folder.resolve("cfn-lint"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
