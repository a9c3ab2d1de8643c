package dev.meerkat.cli;

/** The command line is wrong; the message says what was expected and what was given. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
