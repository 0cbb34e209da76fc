package dev.ferry.cli;

import dev.ferry.common.ExitCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command's help lists, with their meanings from {@link ExitCode#meaning()} ({@link CliRunner}
 * writes the list). A tool's top command lists every code; a subcommand lists those it can end with.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitCodes {
    ExitCode[] value();
}
