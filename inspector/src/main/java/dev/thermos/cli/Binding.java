package dev.thermos.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * Where picocli keeps the value of an option declared in code ({@link RunCommand}, the root in
 * {@link Main}): a field of the command, read and written through two lambdas, as an annotated
 * field would be.
 */
final class Binding implements IGetter, ISetter {
  private final Supplier<?> getter;
  private final Consumer<Object> setter;

  private Binding(Supplier<?> getter, Consumer<Object> setter) {
    this.getter = getter;
    this.setter = setter;
  }

  static Binding of(Supplier<?> getter, Consumer<Object> setter) {
    return new Binding(getter, setter);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get() {
    return (T) getter.get();
  }

  @Override
  public <T> T set(T value) {
    T old = get();
    setter.accept(value);
    return old;
  }
}
