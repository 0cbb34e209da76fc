package dev.ferry.cli;

/**
 * A tool with a key of its own (ferry-export's signing key, ferry-import's encryption key): {@link CliRunner} gives
 * its top command {@code keys generate} for it.
 */
public interface KeyOwner {
    KeyGenerateCommand.Purpose keyPurpose();
}
