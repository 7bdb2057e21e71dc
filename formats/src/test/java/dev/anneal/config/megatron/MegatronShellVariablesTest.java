package dev.anneal.config.megatron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shell variables of a launch script, read as bash expands them: a variable the script sets is
 * its value, wherever the script uses it; one it does not set (the environment, the command line,
 * a command's output) keeps the error, which says where the value would come from.
 */
class MegatronShellVariablesTest {
  private static final MegatronFormat FORMAT = new MegatronFormat();

  private static SchedulerSettings settings(String script) {
    return MegatronFormat.settings(script);
  }

  private static List<String> errors(String script) {
    InvalidScheduleException e = assertThrows(InvalidScheduleException.class, () -> FORMAT.read(script));
    return e.violations().stream().map(Violation::toString).toList();
  }

  @Test
  void aVariableSetBeforeItsUseIsItsValue() {
    SchedulerSettings s = settings("""
        TRAIN_ITERS=500000
        LR=6.0e-5
        python pretrain_gpt.py --lr $LR --train-iters ${TRAIN_ITERS} --lr-decay-style cosine
        """);
    assertEquals(6.0e-5, s.maxLr());
    assertEquals(500000, s.trainIters());
  }

  @Test
  void aVariableAfterAnEqualsSign() {
    SchedulerSettings s = settings("ITERS=300\npython pretrain_gpt.py --lr=3e-4 --train-iters=$ITERS --lr-decay-iters=\"${ITERS}\"\n");
    assertEquals(300, s.trainIters());
    assertEquals(300, s.decaySteps());
  }

  @Test
  void aDefaultIsUsedWhenTheScriptDoesNotSetTheVariable() {
    // TRAIN_ITERS=${TRAIN_ITERS:-20}: bash, run without that environment variable, uses 20.
    SchedulerSettings s = settings("""
        TRAIN_ITERS=${TRAIN_ITERS:-20}
        WARMUP=${1:-5}
        python pretrain_gpt.py --lr 2e-4 --train-iters "${TRAIN_ITERS}" --lr-warmup-iters $WARMUP --lr-decay-iters ${DECAY:-10}
        """);
    assertEquals(20, s.trainIters());
    assertEquals(5, s.warmupSteps());
    assertEquals(10, s.decaySteps());
  }

  @Test
  void arithmeticOnKnownVariables() {
    // examples/mimo/scripts/run_hetero_nemotron_20l_mock_train.sh computes its global batch this way.
    SchedulerSettings s = settings("""
        MICRO_BATCH_SIZE=1
        NUM_MICROBATCHES=${NUM_MICROBATCHES:-4}
        LLM_DP=1
        GLOBAL_BATCH_SIZE=$((MICRO_BATCH_SIZE * NUM_MICROBATCHES * LLM_DP * 2))
        python pretrain_gpt.py --lr 2e-4 --train-iters 20 --global-batch-size "${GLOBAL_BATCH_SIZE}" \\
          --lr-decay-iters $(( 20 / 2 ))
        """);
    assertEquals(8, s.increment());
    assertEquals(80, s.decaySteps());
  }

  @Test
  void variablesInsideAnArrayOfFlags() {
    SchedulerSettings s = settings("""
        GLOBAL_BATCH_SIZE=128
        export ITERS=1000
        TRAINING_ARGS=(
            --global-batch-size $GLOBAL_BATCH_SIZE
            --train-iters $ITERS
            --lr 3e-4
        )
        torchrun pretrain_gpt.py ${TRAINING_ARGS[@]}
        """);
    assertEquals(128, s.increment());
    assertEquals(1000, s.trainIters());
  }

  @Test
  void theBranchBashTakesSetsTheValue() {
    // examples/mamba/train.sh chooses its global batch size with a case on MODEL_SCALE.
    String script = """
        MODEL_SCALE="800M" # or "8B"
        case "${MODEL_SCALE}" in
            "800M")
                GLOBAL_BATCH_SIZE=32
                ;;
            "8B")
                GLOBAL_BATCH_SIZE=8
                ;;
            *)
                echo "Invalid version specified"
                exit 1
                ;;
        esac
        DTYPE=bf16
        if [[ "$DTYPE" == "fp8" ]]; then
            WARMUP=10
        elif [ "$DTYPE" = bf16 ]; then
            WARMUP=20
        else
            WARMUP=30
        fi
        python pretrain_mamba.py --lr 2.5e-4 --train-iters 1000 --global-batch-size ${GLOBAL_BATCH_SIZE} --lr-warmup-iters $WARMUP
        """;
    SchedulerSettings s = settings(script);
    assertEquals(32, s.increment());
    assertEquals(20 * 32, s.warmupSteps());
    assertEquals(8, settings(script.replace("MODEL_SCALE=\"800M\"", "MODEL_SCALE=\"8B\"")).increment());
  }

  @Test
  void aNumericTestChoosesTheBranch() {
    // examples/multimodal/pretrain_mistral_clip.sh: DEBUG=0, then BZ=32 if [[ $DEBUG -eq 1 ]], else 256.
    SchedulerSettings s = settings("""
        DEBUG=0
        if [[ $DEBUG -eq 1 ]]; then
            BZ=32
        else
            BZ=256
        fi
        python pretrain_vlm.py --lr 1e-4 --train-iters 100 --global-batch-size ${BZ}
        """);
    assertEquals(256, s.increment());
  }

  @Test
  void caseBranchesThatLookLikeFlagsParseTheScriptsOwnArguments() {
    // examples/gptoss/02_train.sh reads its own options in a loop before it launches Megatron.
    SchedulerSettings s = settings("""
        CHECKPOINT_PATH="NO_VALUE_PROVIDED"
        while [[ $# -gt 0 ]]; do
            case $1 in
                --checkpoint-path)
                    CHECKPOINT_PATH="$2"
                    shift 2
                    ;;
                -h|--help)
                    echo "Usage: $0 [OPTIONS]"
                    exit 0
                    ;;
                *)
                    echo "Unknown option: $1"
                    exit 1
                    ;;
            esac
        done
        GLOBAL_BATCH_SIZE=128
        TRAINING_ARGS=(
            --global-batch-size ${GLOBAL_BATCH_SIZE}
            --lr 1.0e-5
            --train-samples 1953125000
            --lr-warmup-fraction 0.05
            --save $CHECKPOINT_PATH
        )
        torchrun pretrain_gpt.py ${TRAINING_ARGS[@]}
        """);
    assertEquals(128, s.increment());
    assertEquals(0.05 * 1953125000, s.warmupSteps());
  }

  @Test
  void aCommandLineArgumentIsStillAnError() {
    assertEquals(
        List.of("[MegatronFlagNotLiteral] --global-batch-size (line 3): --global-batch-size is given as `$bs`, and bs is set on line 1 to `$1`:"
            + " the script's command-line argument 1, which Anneal does not know; write the number it stands for, or set it in the script"),
        errors("""
            bs=$1
            python pretrain_gpt.py --lr 3e-4 --train-iters 100 \\
              --global-batch-size $bs
            """));
  }

  @Test
  void aCommandsOutputIsStillAnError() {
    assertEquals(
        List.of("[MegatronFlagNotLiteral] --train-iters (line 1): --train-iters is given as `$(cat iters.txt)`, the output of a command, which"
            + " Anneal does not run; write the number it stands for, or set it in the script"),
        errors("python pretrain_gpt.py --lr 3e-4 --train-iters $(cat iters.txt)\n"));
  }

  @Test
  void aBranchAnnealCannotDecideLeavesTheValueUnknown() {
    assertEquals(
        List.of("[MegatronFlagNotLiteral] --train-iters (line 5): --train-iters is given as `$ITERS`, and ITERS is `1000` or `2000`, depending"
            + " on a condition Anneal cannot decide; write the number it stands for, or set it in the script"),
        errors("""
            ITERS=1000
            if [ -f long-run ]; then
              ITERS=2000
            fi
            python pretrain_gpt.py --lr 3e-4 --train-iters $ITERS
            """));
  }

  @Test
  void aVariableUsedBeforeTheScriptSetsItComesFromTheEnvironment() {
    assertEquals(
        List.of("[MegatronFlagNotLiteral] --lr (line 1): --lr is given as `$LR`, and this script does not set LR, so bash takes it from the"
            + " environment; write the number it stands for, or set it in the script"),
        errors("python pretrain_gpt.py --lr $LR --train-iters 100\nLR=3e-4\n"));
  }
}
