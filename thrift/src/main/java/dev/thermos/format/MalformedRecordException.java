package dev.thermos.format;

/** A record payload that is not a valid TBinaryProtocol {@code RunnerCkpt}. */
final class MalformedRecordException extends Exception {
  MalformedRecordException(String message) {
    super(message, null, false, false);
  }
}
