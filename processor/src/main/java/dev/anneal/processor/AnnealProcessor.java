package dev.anneal.processor;

import com.google.auto.service.AutoService;
import dev.anneal.annotation.CheckedConfig;
import dev.anneal.annotation.CheckedConfigs;
import dev.anneal.annotation.TrainingPlan;
import dev.anneal.annotation.TrainingSchedule;
import dev.anneal.processor.check.Checker;
import dev.anneal.processor.check.Finding;
import dev.anneal.processor.check.GeneratedNames;
import dev.anneal.processor.describe.Describer;
import dev.anneal.processor.read.Declaration;
import dev.anneal.processor.read.Reader;
import dev.anneal.processor.read.Site;
import dev.anneal.processor.write.ClassWriter;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The Anneal annotation processor: for each type annotated with {@link TrainingSchedule} or
 * {@link TrainingPlan} it reads the declaration, checks it with the model's rules, describes the
 * class to generate and writes it, once {@link GeneratedNames} has found its class name free; for
 * each {@link CheckedConfig} it reads and checks the config resource. This class only handles
 * rounds and failures: one bad type never stops the others, and no exception reaches javac (an
 * unexpected one is reported on its type, with a request to report it). It never claims the
 * annotations.
 */
@AutoService(Processor.class)
public final class AnnealProcessor extends AbstractProcessor {
  /** Generated class names across rounds, so that a clash is the user's mistake, not the Filer's refusal. */
  private final GeneratedNames names = new GeneratedNames();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(
        TrainingSchedule.class.getCanonicalName(),
        TrainingPlan.class.getCanonicalName(),
        CheckedConfig.class.getCanonicalName(),
        CheckedConfigs.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    Reader reader = new Reader(processingEnv.getElementUtils());
    names.sawRoots(round.getRootElements());
    for (Element element : round.getElementsAnnotatedWith(TrainingSchedule.class)) {
      isolated(element, reporter, () -> generate(reader.schedule((TypeElement) element), reporter));
    }
    for (Element element : round.getElementsAnnotatedWith(TrainingPlan.class)) {
      isolated(element, reporter, () -> generate(reader.plan((TypeElement) element), reporter));
    }
    Set<Element> configured = new LinkedHashSet<>(round.getElementsAnnotatedWith(CheckedConfig.class));
    configured.addAll(round.getElementsAnnotatedWith(CheckedConfigs.class));
    ConfigResources resources = new ConfigResources(processingEnv.getFiler());
    for (Element element : configured) {
      isolated(element, reporter, () -> reporter.report(resources.check((TypeElement) element)));
    }
    return false;
  }

  private void generate(Declaration declaration, Reporter reporter) throws IOException {
    Checker.Result result = new Checker().check(declaration);
    List<Finding> nameFindings = names.claim(declaration);
    reporter.report(result.findings());
    reporter.report(nameFindings);
    if (result.checked().isPresent() && nameFindings.isEmpty()) {
      new ClassWriter()
          .write(new Describer().describe(result.checked().get()), declaration.type())
          .writeTo(processingEnv.getFiler());
    }
  }

  /** Runs one type's work; whatever it throws becomes an error on that type and the next type goes on. */
  private static void isolated(Element element, Reporter reporter, Work work) {
    try {
      work.run();
    } catch (IOException | RuntimeException | StackOverflowError e) {
      String what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      reporter.print(Diagnostic.Kind.ERROR, ProcessorCode.processorFailure(what).toString(), new Site(element, null, null));
    }
  }

  /** One type's work. */
  @FunctionalInterface
  private interface Work {
    void run() throws IOException;
  }
}
