package dev.anneal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slim jar's entry point: training subcommands refused with the way to the full jar; the rest as the full command. */
class SlimCommandTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run slim(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = SlimCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  private static Run full(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = AnnealCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void trainSaysWhereTheFullJarIs() {
    Run run = slim("train", "--steps", "10");

    assertEquals(2, run.exitCode());
    assertEquals("", run.out());
    assertEquals(List.of("anneal train: needs PyTorch's natives, which the slim jar (anneal-slim.jar) leaves out;"
        + " run it with the full jar instead: ./anneal train in a checkout, or java -jar cli/target/anneal.jar train"
        + " after mvn -B package -DskipTests (docs/install.md)"), run.err().lines().toList());
  }

  @Test
  void findLrSaysWhereTheFullJarIsEvenAfterATopLevelOption() {
    Run run = slim("-h", "find-lr");

    assertEquals(2, run.exitCode());
    assertEquals(List.of("anneal find-lr: needs PyTorch's natives, which the slim jar (anneal-slim.jar) leaves out;"
        + " run it with the full jar instead: ./anneal find-lr in a checkout, or java -jar cli/target/anneal.jar find-lr"
        + " after mvn -B package -DskipTests (docs/install.md)"), run.err().lines().toList());
  }

  @Test
  void theOtherSubcommandsRunAsInTheFullCommand() {
    for (String[] args : List.of(
        new String[] {"validate", "../examples/wsd.json", "--format", "anneal"},
        new String[] {"curve", "../examples/wsd.json", "--format", "anneal", "--steps", "5"},
        new String[] {"explain", "../examples/gpt-warmup-cosine.json", "--format", "anneal", "--step", "3"},
        new String[] {"validate", "../examples/mistakes/typos.json", "--format", "anneal"},
        new String[] {"--version"})) {
      Run slim = slim(args);
      Run full = full(args);

      assertEquals(full, slim, String.join(" ", args));
    }
  }

  @Test
  void theSubcommandIsTheFirstArgumentThatIsNotAnOption() {
    assertEquals("validate", SlimCommand.subcommand("validate", "train.json"));
    assertEquals("train", SlimCommand.subcommand("--help", "train"));
    assertEquals("", SlimCommand.subcommand("-V"));
  }
}
