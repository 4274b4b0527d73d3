package io.delos.robots.ros;

/** A {@link NodeMain} whose callbacks do nothing; override the ones you need. */
public abstract class AbstractNodeMain implements NodeMain {
  /** For subclasses. */
  protected AbstractNodeMain() {}

  @Override
  public void onStart(ConnectedNode connectedNode) {}

  @Override
  public void onShutdown(ConnectedNode connectedNode) {}

  @Override
  public void onError(ConnectedNode connectedNode, Throwable throwable) {}
}
