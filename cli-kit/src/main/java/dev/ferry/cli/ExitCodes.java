package dev.ferry.cli;

import dev.ferry.common.ExitCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exit codes a command can end with, when not all of them: its help lists these, with their meanings from
 * {@link ExitCode#meaning()} ({@link CliRunner} writes the list). A command without it lists every code.
 */
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ExitCodes {
    ExitCode[] value();
}
