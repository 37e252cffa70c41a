package dev.thermos.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pystachio reference: the address inside {@code {{...}}}, a chain of dereferences
 * ({@code .name}) and indexes ({@code [key]}), e.g. {@code thermos.ports[http]}. An address that
 * does not start with '.' or '[' starts with a dereference; names match
 * {@code [A-Za-z_][A-Za-z0-9_]*}, index keys {@code [A-Za-z0-9_]+}.
 */
record Ref(List<Component> components) {
  private static final Pattern COMPONENT =
      Pattern.compile("\\G(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[([A-Za-z0-9_]+)\\])");

  /** One step of a reference: {@code .value} or {@code [value]}. */
  record Component(boolean indexed, String value) {
    boolean isName(String name) {
      return !indexed && value.equals(name);
    }

    @Override
    public String toString() {
      return indexed ? "[" + value + "]" : "." + value;
    }
  }

  Ref {
    components = List.copyOf(components);
  }

  /** Parses an address; throws {@link IllegalArgumentException} naming what is wrong. */
  static Ref parse(String address) {
    if (address.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    String full = address;
    if (!address.startsWith(".") && !address.startsWith("[")) {
      char c = address.charAt(0);
      if (!(Character.isLetter(c) && c < 128) && c != '_') {
        throw new IllegalArgumentException("bad address " + address);
      }
      full = "." + address;
    }
    List<Component> out = new ArrayList<>();
    Matcher m = COMPONENT.matcher(full);
    int end = 0;
    while (end < full.length() && m.find()) {
      out.add(m.group(1) != null
          ? new Component(false, m.group(1)) : new Component(true, m.group(2)));
      end = m.end();
    }
    if (end != full.length()) {
      throw new IllegalArgumentException("bad address " + address);
    }
    return new Ref(out);
  }

  int size() {
    return components.size();
  }

  Component get(int i) {
    return components.get(i);
  }

  /** This reference without its first {@code n} components. */
  Ref drop(int n) {
    return new Ref(components.subList(n, components.size()));
  }

  /** The address as written, without a leading '.'. */
  String address() {
    StringBuilder b = new StringBuilder();
    for (Component c : components) {
      b.append(c);
    }
    return b.length() > 0 && b.charAt(0) == '.' ? b.substring(1) : b.toString();
  }

  /** The reference as it appears in a template: {@code {{address}}}. */
  @Override
  public String toString() {
    return "{{" + address() + "}}";
  }
}
