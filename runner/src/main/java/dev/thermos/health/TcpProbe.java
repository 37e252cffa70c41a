package dev.thermos.health;

import dev.thermos.config.HealthTargets.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A {@code tcp} check: a connection to {@code host:port}, closed at once; accepted within the
 * timeout passes. Resolving the host name is not bounded by the timeout.
 */
final class TcpProbe implements HealthProbe {
  private final HostPort target;
  private final double timeoutSecs;

  TcpProbe(HostPort target, double timeoutSecs) {
    this.target = target;
    this.timeoutSecs = timeoutSecs;
  }

  @Override
  public ProbeOutcome check() {
    InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
    if (address.isUnresolved()) {
      return ProbeOutcome.fail("unknown host " + target.host());
    }
    try (Socket socket = new Socket()) {
      socket.connect(address, ProbeOutcome.timeoutMillis(timeoutSecs));
      return ProbeOutcome.pass("connected");
    } catch (SocketTimeoutException e) {
      return ProbeOutcome.timedOut(timeoutSecs);
    } catch (IOException e) {
      return ProbeOutcome.failure(e);
    }
  }
}
