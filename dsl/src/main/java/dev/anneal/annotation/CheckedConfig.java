package dev.anneal.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A config file of the project that the annotation processor reads during the build, with the
 * reader of {@link #format()} ({@code dev.anneal.config.Formats.byName}, in anneal-formats): its errors fail the
 * compilation and its warnings are compiler warnings, each on this annotation's {@code resource}.
 *
 * <pre>{@code
 * @CheckedConfig(format = "deepspeed", resource = "configs/ds_config.json")
 * final class Training {}
 * }</pre>
 *
 * <p>The resource is looked up on the compile class path (Maven copies {@code src/main/resources}
 * there before compiling), then on the source path.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(java.lang.annotation.ElementType.TYPE)
@Repeatable(CheckedConfigs.class)
public @interface CheckedConfig {
  /** The format's name, as {@code anneal curve --format} takes it: {@code anneal}, {@code deepspeed}, … */
  String format();

  /** The resource's path from the root of the class path, e.g. {@code configs/ds_config.json}. */
  String resource();
}
