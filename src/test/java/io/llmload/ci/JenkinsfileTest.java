package io.llmload.ci;

import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Jenkinsfile parses as Groovy, has the pipeline's parts, and only calls scripts that exist. */
class JenkinsfileTest {

    private record Call(String method, List<String> stringArguments) {
    }

    private static List<Call> calls() throws Exception {
        CompilationUnit unit = new CompilationUnit();
        unit.addSource("Jenkinsfile", Files.readString(Path.of("Jenkinsfile")));
        unit.compile(Phases.CONVERSION);  // a syntax error throws here
        ModuleNode module = unit.getAST().getModules().get(0);
        List<Call> out = new ArrayList<>();
        module.getStatementBlock().visit(new CodeVisitorSupport() {
            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                List<String> strings = new ArrayList<>();
                if (call.getArguments() instanceof ArgumentListExpression args) {
                    for (Expression e : args.getExpressions()) {
                        if (e instanceof ConstantExpression c && c.getValue() instanceof String s) strings.add(s);
                    }
                }
                out.add(new Call(call.getMethodAsString(), strings));
                super.visitMethodCallExpression(call);
            }
        });
        return out;
    }

    @Test
    void theJenkinsfileIsADeclarativePipelineWithTheNightlyStages() throws Exception {
        List<Call> calls = calls();
        assertThat(calls).extracting(Call::method).contains("pipeline", "triggers", "cron", "parameters", "withCredentials",
                "junit", "gatlingArchive", "archiveArtifacts", "publishHTML", "unstable");
        assertThat(calls).filteredOn(c -> c.method().equals("stage")).extracting(c -> c.stringArguments().get(0))
                .containsExactly("Build and unit tests", "Smoke", "Soak", "Soak on injectors", "Merge injectors");
        assertThat(calls).filteredOn(c -> c.method().equals("cron")).extracting(c -> c.stringArguments().get(0))
                .singleElement().asString().matches("H \\d+ \\* \\* \\*");
    }

    @Test
    void everyShellStepRunsAnExecutableScriptFromScriptsCi() throws Exception {
        String jenkinsfile = Files.readString(Path.of("Jenkinsfile"));
        var scripts = Pattern.compile("sh\\(script: '([^']+)'|sh '([^']+)'").matcher(jenkinsfile);
        int count = 0;
        while (scripts.find()) {
            String script = scripts.group(1) != null ? scripts.group(1) : scripts.group(2);
            assertThat(script).startsWith("scripts/ci/");
            assertThat(Path.of(script)).isExecutable();
            count++;
        }
        assertThat(count).isEqualTo(6);
    }

    @Test
    void withSeveralInjectorsTheSoakRunsInParallelOnLabelledAgentsAndOneStageMergesTheirStashes() throws Exception {
        List<Call> calls = calls();
        String jenkinsfile = Files.readString(Path.of("Jenkinsfile"));
        assertThat(jenkinsfile).contains("string(name: 'INJECTORS', defaultValue: '1'", "string(name: 'INJECTOR_LABEL', defaultValue: 'llmload-injector'");
        // the one-injector soak and the scaled-out stages exclude each other
        assertThat(jenkinsfile).containsOnlyOnce("when { expression { params.INJECTORS.toInteger() <= 1 } }");
        assertThat(jenkinsfile.split(Pattern.quote("when { expression { params.INJECTORS.toInteger() > 1 } }"), -1)).hasSize(3);
        assertThat(calls).extracting(Call::method).contains("parallel", "node", "checkout", "withEnv", "stash", "unstash");
        // each branch passes its index and the common start to run-injector.sh and stashes what it wrote
        assertThat(jenkinsfile).contains("\"INJECTOR_INDEX=${index}\", \"LLMLOAD_START_AT=${startAt}\"",
                "sh(script: 'scripts/ci/start-at.sh', returnStdout: true)", "sh(script: 'scripts/ci/run-injector.sh', returnStatus: true)",
                "stash name: \"injector-${index}\", includes: \"target/llmload/injector/${index}/**\"",
                "unstash \"injector-${i}\"", "sh(script: 'scripts/ci/merge-injectors.sh', returnStatus: true)",
                "LLMLOAD_INJECTORS = \"${params.INJECTORS}\"");
        int parallel = jenkinsfile.indexOf("parallel branches");
        int merge = jenkinsfile.indexOf("stage('Merge injectors')");
        assertThat(parallel).isPositive().isLessThan(merge);
    }

    @Test
    void noSecretIsEchoedOrTraced() throws Exception {
        Pattern secretEcho = Pattern.compile("(echo|printf).*\\$\\{?(LLMLOAD_API_KEY|RUNPOD_API_KEY|INFLUX_PASSWORD|INFLUX_USER)");
        List<Path> files = new ArrayList<>(List.of(Path.of("Jenkinsfile")));
        try (Stream<Path> ci = Files.list(Path.of("scripts", "ci"))) {
            files.addAll(ci.toList());
        }
        for (Path file : files) {
            String text = Files.readString(file);
            assertThat(secretEcho.matcher(text).find()).as("%s echoes a secret", file).isFalse();
            assertThat(text).as("%s traces commands", file).doesNotContain("set -x").doesNotContain("set -o xtrace");
        }
    }
}
