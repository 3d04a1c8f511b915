package io.llmload.ci;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/capacity-by-context.sh for real on the emulator: the news prompt against prompts grown to
 * 6,000 tokens. The emulator prefills every uncached prompt token (40 µs each), so the long context
 * costs each request about 0.2 s more and lowers the capacity; the prompts are measured at the size asked.
 */
class ContextScriptIT {

    @Test
    void aLongerContextMeasuresItsPromptSizeAndLowersTheCapacity() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("scripts/capacity-by-context.sh", "-Demulator.max-model-len=8000",
                "-Dcapacity.start=1", "-Dcapacity.step=1", "-Dcapacity.max=6", "-Dcapacity.hold-time=2s", "-Dcapacity.repeats=1",
                "-Dcapacity.refine=false", "-Dcapacity.failing-steps=1", "-Dcapacity.max-tokens=20", "-Dcapacity.p95-target=400ms",
                "-Demulator.decode-step-base=5ms", "-Dnews.validate-json-answer=false").redirectErrorStream(true);
        pb.environment().putAll(Map.of("MVN", "mvn -B -q", "CONTEXTS", "0 6000"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        String md = Files.readString(Path.of("target/llmload/contexts/contexts.md"));
        Matcher news = Pattern.compile("\\| news prompt \\| (\\d+) \\| ([0-9.]+) \\|").matcher(md);
        Matcher longer = Pattern.compile("\\| 6,000 \\| (\\d+) \\| ([0-9.]+) \\|").matcher(md);
        assertThat(news.find()).as(md).isTrue();
        assertThat(longer.find()).as(md).isTrue();
        assertThat(Integer.parseInt(news.group(1))).as("the news prompt, tokens").isBetween(900, 1500);
        assertThat(Integer.parseInt(longer.group(1))).as("grown to 6,000 tokens (the server's count)").isBetween(6000, 6600);
        assertThat(Double.parseDouble(longer.group(2))).as("capacity at 6,000 tokens vs the news prompt's").isLessThan(Double.parseDouble(news.group(2)));
    }
}
