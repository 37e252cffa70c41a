package dev.thermos.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string split on pystachio's mustache references: {@code a {{foo}} b} is the text "a ", the
 * reference {@code foo} and the text " b". A reference may not contain braces; {@code {{&foo}}}
 * is the escaped literal text {@code {{foo}}}. A template is {@code nested} when a reference sits
 * inside an unclosed {@code {{} of the literal text, as in {@code {{thermos.ports[{{name}}]}}}:
 * only the inner reference is one, so the outer one survives as text.
 */
record Template(List<Part> parts, boolean nested) {
  private static final Pattern MUSTACHE = Pattern.compile("\\{\\{(&)?([^{}]+?)\\1?\\}\\}");

  /** A piece of a template. */
  sealed interface Part permits Text, Reference {}

  /** Literal text. */
  record Text(String text) implements Part {}

  /** A reference to be resolved. */
  record Reference(Ref ref) implements Part {}

  Template {
    parts = List.copyOf(parts);
  }

  Template(List<Part> parts) {
    this(parts, isNested(parts));
  }

  /**
   * Splits {@code text}; {@code where} names the field for the error when a reference is not a
   * valid address.
   */
  static Template parse(String text, String where) throws InvalidTaskException {
    List<Part> parts = new ArrayList<>();
    Matcher m = MUSTACHE.matcher(text);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        parts.add(new Text(text.substring(last, m.start())));
      }
      if (m.group(1) != null) {
        parts.add(new Text("{{" + m.group(2) + "}}"));
      } else {
        parts.add(new Reference(parseRef(m.group(2), where)));
      }
      last = m.end();
    }
    if (last < text.length()) {
      parts.add(new Text(text.substring(last)));
    }
    return new Template(parts);
  }

  /** The references, in order of appearance. */
  List<Ref> refs() {
    List<Ref> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Reference r) {
        out.add(r.ref());
      }
    }
    return out;
  }

  /** The references written in {@code text} that are valid addresses, in order. */
  static List<Ref> refsIn(String text) {
    List<Ref> out = new ArrayList<>();
    Matcher m = MUSTACHE.matcher(text);
    while (m.find()) {
      if (m.group(1) == null) {
        try {
          out.add(Ref.parse(m.group(2)));
        } catch (IllegalArgumentException notARef) {
          // Not a reference: plain text.
        }
      }
    }
    return out;
  }

  private static boolean isNested(List<Part> parts) {
    boolean open = false;
    for (Part p : parts) {
      if (p instanceof Text t) {
        int opens = t.text().lastIndexOf("{{");
        int closes = t.text().lastIndexOf("}}");
        if (opens >= 0 || closes >= 0) {
          open = opens > closes;
        }
      } else if (open) {
        return true;
      }
    }
    return false;
  }

  private static Ref parseRef(String address, String where) throws InvalidTaskException {
    try {
      return Ref.parse(address);
    } catch (IllegalArgumentException e) {
      throw new InvalidTaskException(
          where + ": invalid template reference {{" + address + "}}: " + e.getMessage());
    }
  }
}
