package dev.thermos.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A structural reader of the HCL subset a Nomad job file uses, for tests (no HCL parser is
 * packaged for Java here): blocks ({@code type "label" ... {}}), attributes ({@code key = value}
 * with a string, number, boolean, list of strings or heredoc value), {@code #} and {@code //}
 * comments. Anything else (an unbalanced brace, an unterminated string, list or heredoc, a line
 * that is neither) is an {@link IllegalArgumentException} naming the line.
 */
final class HclDocument {
  /** A block: its type, labels, attributes and nested blocks in file order. */
  record Block(String type, List<String> labels, Map<String, Object> attributes,
      List<Block> blocks) {
    /** The nested blocks of {@code type} (and the first label, when given). */
    List<Block> all(String type, String label) {
      return blocks.stream().filter(b -> b.type.equals(type)
          && (label == null || (!b.labels.isEmpty() && b.labels.get(0).equals(label)))).toList();
    }

    Block one(String type, String label) {
      List<Block> found = all(type, label);
      if (found.size() != 1) {
        throw new IllegalArgumentException(found.size() + " blocks " + type + " " + label
            + " in " + this.type + " " + labels);
      }
      return found.get(0);
    }
  }

  private final List<String> lines;
  private int next;

  private HclDocument(String text) {
    this.lines = List.of(text.split("\n", -1));
  }

  /** The top-level body of {@code text} as a block of type {@code ""}. */
  static Block parse(String text) {
    HclDocument d = new HclDocument(text);
    Block top = new Block("", List.of(), new LinkedHashMap<>(), new ArrayList<>());
    d.body(top, false);
    return top;
  }

  private void body(Block into, boolean nested) {
    while (next < lines.size()) {
      int number = next + 1;
      String line = strip(lines.get(next++)).trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.equals("}")) {
        if (!nested) {
          throw new IllegalArgumentException("line " + number + ": } without a block");
        }
        return;
      }
      if (line.matches("[A-Za-z_][A-Za-z0-9_]*( +\"[^\"]*\")* *\\{")) {
        String[] words = line.substring(0, line.length() - 1).trim().split(" +");
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
          labels.add(words[i].substring(1, words[i].length() - 1));
        }
        Block b = new Block(words[0], labels, new LinkedHashMap<>(), new ArrayList<>());
        into.blocks().add(b);
        body(b, true);
      } else if (line.matches("[A-Za-z_][A-Za-z0-9_]* *=.*")) {
        int eq = line.indexOf('=');
        into.attributes().put(line.substring(0, eq).trim(), value(line.substring(eq + 1).trim(),
            number));
      } else {
        throw new IllegalArgumentException("line " + number + ": not HCL: " + line);
      }
    }
    if (nested) {
      throw new IllegalArgumentException("a block is not closed at the end of the file");
    }
  }

  private Object value(String text, int number) {
    if (text.startsWith("<<")) {
      String end = text.substring(2).replace("-", "").trim();
      StringBuilder doc = new StringBuilder();
      while (next < lines.size()) {
        String l = lines.get(next++);
        if (l.trim().equals(end)) {
          return doc.toString();
        }
        doc.append(l).append('\n');
      }
      throw new IllegalArgumentException("line " + number + ": heredoc " + end + " not closed");
    }
    if (text.startsWith("[")) {
      StringBuilder list = new StringBuilder(text);
      while (!strip(list.toString()).trim().endsWith("]")) {
        if (next >= lines.size()) {
          throw new IllegalArgumentException("line " + number + ": list not closed");
        }
        list.append(' ').append(strip(lines.get(next++)).trim());
      }
      return strings(strip(list.toString()).trim(), number);
    }
    if (text.startsWith("\"")) {
      return quoted(text, number);
    }
    if (text.matches("[0-9]+|true|false")) {
      return text;
    }
    throw new IllegalArgumentException("line " + number + ": not a value: " + text);
  }

  private static List<String> strings(String list, int number) {
    List<String> out = new ArrayList<>();
    String inner = list.substring(1, list.length() - 1).trim();
    while (!inner.isEmpty()) {
      if (!inner.startsWith("\"")) {
        throw new IllegalArgumentException("line " + number + ": a list of strings expected");
      }
      int close = inner.indexOf('"', 1);
      if (close < 0) {
        throw new IllegalArgumentException("line " + number + ": unterminated string");
      }
      out.add(inner.substring(1, close));
      inner = inner.substring(close + 1).trim();
      inner = inner.startsWith(",") ? inner.substring(1).trim() : inner;
    }
    return out;
  }

  private static String quoted(String text, int number) {
    if (text.length() < 2 || !text.endsWith("\"") || text.indexOf('"', 1) != text.length() - 1) {
      throw new IllegalArgumentException("line " + number + ": bad string " + text);
    }
    return text.substring(1, text.length() - 1);
  }

  /** The line without a comment outside strings. */
  private static String strip(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        inString = !inString;
      } else if (!inString && (c == '#' || (c == '/' && i + 1 < line.length()
          && line.charAt(i + 1) == '/'))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
