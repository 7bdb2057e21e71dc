package dev.anneal.config.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anneal.config.Imported;
import dev.anneal.config.JsonFields;
import dev.anneal.config.Problems;
import dev.anneal.rules.InvalidScheduleException;
import dev.anneal.rules.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code torch.optim.lr_scheduler} class called with keyword arguments that another framework's
 * config holds, {@code getattr(torch.optim.lr_scheduler, type)(optimizer, **kwargs)}: DeepSpeed's
 * engine builds a {@code scheduler.type} that is not its own this way. The keyword arguments are
 * read exactly as the {@code pytorch} format reads {@code scheduler.kwargs}, and every violation is
 * reported at the caller's paths ({@code scheduler.params.max_lr}, {@code optimizer.params.lr}).
 */
public final class TorchSchedulerCall {
  /** Where the reader puts a scheduler's keyword arguments, replaced by the caller's path. */
  private static final String READ_AT = "scheduler";

  private static final String KWARGS_READ_AT = READ_AT + ".kwargs";

  private TorchSchedulerCall() {}

  /**
   * The plan the scheduler produces on {@code optimizer}, stepped after every update, with its
   * warnings at the caller's paths.
   *
   * @param type a class name of {@code torch.optim.lr_scheduler}, e.g. {@code OneCycleLR}
   * @param kwargs the keyword arguments, a JSON object
   * @param kwargsPath the path of {@code kwargs} in the caller's config, e.g. {@code scheduler.params}
   * @param typePath the path of {@code type}, e.g. {@code scheduler.type}
   * @param optimizerPath the path of the optimizer's arguments, e.g. {@code optimizer.params}
   * @throws InvalidScheduleException with every problem, as the {@code pytorch} format finds them
   */
  public static Imported build(String type, JsonNode kwargs, PyTorchOptimizer optimizer, String kwargsPath, String typePath,
      String optimizerPath) {
    ObjectNode call = JsonNodeFactory.instance.objectNode();
    call.put("type", type);
    call.set("kwargs", kwargs);
    Problems problems = new Problems();
    PyTorchScheduler scheduler = new SchedulerReader(problems).read(JsonFields.of(call, READ_AT, problems), true);
    List<Violation> read = problems.all().stream().map(v -> moved(v, kwargsPath, typePath)).toList();
    if (scheduler == null || read.stream().anyMatch(Violation::isError)) {
      throw new InvalidScheduleException(read.stream().filter(Violation::isError).toList(),
          read.stream().filter(v -> !v.isError()).toList());
    }
    KwargsPaths where = new KwargsPaths(kwargsPath, ".kwargs", optimizerPath);
    Imported built;
    try {
      built = PyTorchSchedulers.build(optimizer, scheduler, where);
    } catch (InvalidScheduleException e) {
      List<Violation> warnings = new ArrayList<>(read);
      warnings.addAll(e.warnings());
      throw new InvalidScheduleException(e.violations(), warnings);
    }
    List<Violation> warnings = new ArrayList<>(read);
    warnings.addAll(built.warnings());
    return new Imported(built.format(), built.plan(), warnings);
  }

  /** {@code v} at the caller's path: the reader's {@code scheduler.kwargs…} and {@code scheduler.type} moved there. */
  private static Violation moved(Violation v, String kwargsPath, String typePath) {
    String path = v.path();
    if (path.equals(KWARGS_READ_AT) || path.startsWith(KWARGS_READ_AT + ".") || path.startsWith(KWARGS_READ_AT + "[")) {
      return v.relocated(kwargsPath + path.substring(KWARGS_READ_AT.length()), null, null);
    }
    if (path.equals(READ_AT + ".type")) {
      return v.relocated(typePath, null, null);
    }
    return v;
  }
}
