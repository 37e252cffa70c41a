package dev.thermos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container examples are well-formed (the YAML parses, the HCL has the structure Nomad
 * reads), say what the README promises (the root on a volume, Prometheus annotations, a grace
 * period beyond the finalization window), run commands and flags that exist, and give the runner
 * a task {@code thermos inspect} accepts. {@code DeploymentExamplesIT} runs the commands.
 */
class DeploymentExamplesTest {
  @TempDir Path dir;

  @Test
  void kubernetesRunsThermosRunOnAVolumeWithTheObserverAsAScrapedSidecar() throws Exception {
    Map<String, Map<String, Object>> docs = DeploymentExamples.kubernetes();
    assertEquals(List.of("ConfigMap", "PersistentVolumeClaim", "Job"), List.copyOf(docs.keySet()));
    List<String> observe = DeploymentExamples.kubernetesCommand("observer");
    assertCommandsExist(DeploymentExamples.kubernetesCommand("runner"), observe);

    Map<String, Object> pod = DeploymentExamples.podSpec();
    List<Map<String, Object>> volumes = DeploymentExamples.at(pod, "volumes");
    assertTrue(volumes.stream().anyMatch(v -> v.get("name").equals("root")
        && v.containsKey("persistentVolumeClaim")), "the root is on a persistent volume");
    Map<String, String> annotations = DeploymentExamples.at(docs.get("Job"), "spec", "template",
        "metadata", "annotations");
    assertEquals("true", annotations.get("prometheus.io/scrape"));
    assertEquals("/metrics", annotations.get("prometheus.io/path"));
    assertEquals(observe.get(observe.indexOf("--port") + 1), annotations.get("prometheus.io/port"));
    int grace = DeploymentExamples.at(pod, "terminationGracePeriodSeconds");
    assertTrue(grace > finalizationWait(DeploymentExamples.kubernetesTask()));
    assertInspectAccepts(DeploymentExamples.kubernetesTask());
  }

  @Test
  void nomadRunsThermosRunWithRawExecAndTheObserverAsASidecar() throws Exception {
    HclDocument.Block group = DeploymentExamples.nomad().one("job", "thermos-hello")
        .one("group", null);
    assertEquals("raw_exec", group.one("task", "runner").attributes().get("driver"));
    assertCommandsExist(DeploymentExamples.nomadCommand("runner"),
        DeploymentExamples.nomadCommand("observer"));
    assertEquals("true", group.one("task", "observer").one("lifecycle", null).attributes()
        .get("sidecar"));
    String killTimeout = (String) group.one("task", "runner").attributes().get("kill_timeout");
    assertTrue(Integer.parseInt(killTimeout.replace("s", ""))
        > finalizationWait(DeploymentExamples.nomadTask()));
    assertInspectAccepts(DeploymentExamples.nomadTask());
  }

  @Test
  void aFlagRunDoesNotHaveIsCaught() {
    assertNull(DeploymentExamples.runParseError(List.of("run", "--task_id", "t", "t.json")));
    assertTrue(DeploymentExamples.runParseError(List.of("run", "--no-such-flag", "t.json"))
        .contains("--no-such-flag"));
  }

  @Test
  void theHclReaderRefusesWhatIsNotWellFormed() {
    for (String bad : List.of("job \"x\" {\n", "job \"x\" {\n}\n}\n", "a = [\"x\"\n",
        "a = \"x\n", "a = <<EOT\nno end\n", "job x {\n}\n", "what\n")) {
      try {
        HclDocument.parse(bad);
        throw new AssertionError("accepted: " + bad);
      } catch (IllegalArgumentException expected) {
        // refused
      }
    }
  }

  /**
   * {@code thermos run ...} parses as {@code run} does, with a fixed task id (so that a new
   * container resumes the task); {@code thermos observe ...} uses only options it has.
   */
  private static void assertCommandsExist(List<String> run, List<String> observe)
      throws Exception {
    assertEquals(List.of("thermos", "run"), run.subList(0, 2));
    assertNull(DeploymentExamples.runParseError(run.subList(1, run.size())));
    assertTrue(run.contains("--task_id"), "a fixed task id, so that a new container resumes");
    assertEquals(List.of("thermos", "observe"), observe.subList(0, 2));
    List<String> declared = DeploymentExamples.observerOptions();
    assertTrue(declared.contains("--root"), "options found: " + declared);
    for (String word : observe) {
      if (word.startsWith("--")) {
        assertTrue(declared.contains(word), word + " is not an option of thermos observe");
      }
    }
  }

  private void assertInspectAccepts(String task) throws Exception {
    Path file = Files.writeString(dir.resolve("task.json"), task);
    CliRun run = CliRun.of("inspect", file.toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  private static int finalizationWait(String task) throws Exception {
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(task)
        .get("finalization_wait").asInt();
  }
}
