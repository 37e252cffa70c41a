package dev.thermos.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed, lenient-where-Aurora-is access to the fields of one JSON object of a task file, with
 * errors that name the file, the object's place in the task and the field. A JSON {@code null}
 * counts as an absent field.
 */
final class JsonFields {
  private static final Pattern INTEGER_TEXT = Pattern.compile("[-+]?[0-9]{1,19}");
  private static final Pattern NUMBER_TEXT =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private final ObjectNode node;
  private final String source;
  private final String where;

  JsonFields(ObjectNode node, String source, String where) {
    this.node = node;
    this.source = source;
    this.where = where;
  }

  /** Refuses the first field (in document order) that is neither known nor ignored. */
  void rejectUnknown(Set<String> known, Set<String> ignored) throws InvalidTaskException {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name) && !ignored.contains(name)) {
        throw error("unknown field " + TextNode.valueOf(name));
      }
    }
  }

  String requiredString(String field) throws InvalidTaskException {
    return string(required(field), field);
  }

  /** The string, or {@code null} when absent. */
  String optionalString(String field) throws InvalidTaskException {
    JsonNode v = value(field);
    return v == null ? null : string(v, field);
  }

  int intOr(String field, int dflt) throws InvalidTaskException {
    JsonNode v = value(field);
    return v == null ? dflt : (int) integral(v, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  long longOr(String field, long dflt) throws InvalidTaskException {
    JsonNode v = value(field);
    return v == null ? dflt : integral(v, field, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  long requiredLong(String field) throws InvalidTaskException {
    return integral(required(field), field, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  double doubleOr(String field, double dflt) throws InvalidTaskException {
    return value(field) == null ? dflt : requiredDouble(field);
  }

  double requiredDouble(String field) throws InvalidTaskException {
    JsonNode v = required(field);
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual() && NUMBER_TEXT.matcher(v.textValue()).matches()) {
      return Double.parseDouble(v.textValue());
    }
    throw typeError(field, "a number", v);
  }

  /** Booleans are {@code true}/{@code false} or the numbers 0 and 1 (old task files). */
  boolean boolOr(String field, boolean dflt) throws InvalidTaskException {
    JsonNode v = value(field);
    if (v == null) {
      return dflt;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber() && v.canConvertToLong() && (v.asLong() == 0 || v.asLong() == 1)) {
      return v.asLong() == 1;
    }
    throw typeError(field, "a boolean (true, false, 0 or 1)", v);
  }

  <E extends Enum<E>> E enumOr(String field, Class<E> type, E dflt) throws InvalidTaskException {
    JsonNode v = value(field);
    if (v == null) {
      return dflt;
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      if (v.isTextual() && v.textValue().equals(name)) {
        return e;
      }
      names.add(name);
    }
    throw typeError(field, "one of " + String.join(", ", names), v);
  }

  /** The nested object, or {@code null} when absent. */
  JsonFields object(String field) throws InvalidTaskException {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw typeError(field, "an object", v);
    }
    return new JsonFields((ObjectNode) v, source, path(field));
  }

  /** The elements of a list of objects, or {@code null} when absent. */
  List<JsonFields> objects(String field) throws InvalidTaskException {
    JsonNode v = value(field);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw typeError(field, "a list of objects", v);
    }
    List<JsonFields> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      String at = path(field) + "[" + i + "]";
      if (!e.isObject()) {
        throw new InvalidTaskException(source, at + ": must be an object, got " + describe(e));
      }
      out.add(new JsonFields((ObjectNode) e, source, at));
    }
    return out;
  }

  /** A required list of strings. */
  List<String> requiredStrings(String field) throws InvalidTaskException {
    JsonNode v = required(field);
    if (!v.isArray()) {
      throw typeError(field, "a list of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw error("field \"" + field + "[" + i + "]\" must be a string, got " + describe(e));
      }
      out.add(e.textValue());
    }
    return out;
  }

  /**
   * An object of strings (numbers and booleans are taken as their JSON text), in document order;
   * empty when absent.
   */
  Map<String, String> stringMap(String field) throws InvalidTaskException {
    JsonNode v = value(field);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw typeError(field, "an object of strings", v);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      JsonNode value = e.getValue();
      if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
        throw error("field \"" + field + "." + e.getKey() + "\" must be a string, got "
            + describe(value));
      }
      out.put(e.getKey(), value.isTextual() ? value.textValue() : value.toString());
    }
    return out;
  }

  /** A list of integers within [min, max]; empty when absent. */
  List<Integer> intList(String field, int min, int max) throws InvalidTaskException {
    JsonNode v = value(field);
    List<Integer> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw typeError(field, "a list of integers", v);
    }
    for (int i = 0; i < v.size(); i++) {
      out.add((int) integral(v.get(i), field + "[" + i + "]", min, max));
    }
    return out;
  }

  /** Whether the field holds an object. */
  boolean isObject(String field) {
    JsonNode v = value(field);
    return v != null && v.isObject();
  }

  /** Whether the field is present and not null. */
  boolean has(String field) {
    return value(field) != null;
  }

  /** Wraps this object in an error naming the file and the object's place. */
  InvalidTaskException error(String reason) {
    return new InvalidTaskException(source, where.isEmpty() ? reason : where + ": " + reason);
  }

  /** Required-field error for a list that must be present. */
  InvalidTaskException missing(String field) {
    return error("missing required field \"" + field + "\"");
  }

  private JsonNode value(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  private JsonNode required(String field) throws InvalidTaskException {
    JsonNode v = value(field);
    if (v == null) {
      throw missing(field);
    }
    return v;
  }

  private String string(JsonNode v, String field) throws InvalidTaskException {
    if (!v.isTextual()) {
      throw typeError(field, "a string", v);
    }
    return v.textValue();
  }

  private long integral(JsonNode v, String field, long min, long max)
      throws InvalidTaskException {
    BigDecimal value;
    if (v.isNumber()) {
      value = v.decimalValue();
    } else if (v.isTextual() && INTEGER_TEXT.matcher(v.textValue()).matches()) {
      value = new BigDecimal(v.textValue());
    } else {
      throw typeError(field, "an integer", v);
    }
    if (value.stripTrailingZeros().scale() > 0) {
      throw typeError(field, "an integer", v);
    }
    if (value.compareTo(BigDecimal.valueOf(min)) < 0
        || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw error("field \"" + field + "\" is out of range: " + describe(v));
    }
    return value.longValueExact();
  }

  private InvalidTaskException typeError(String field, String expected, JsonNode got) {
    return error("field \"" + field + "\" must be " + expected + ", got " + describe(got));
  }

  private String path(String field) {
    return where.isEmpty() ? field : where + "." + field;
  }

  /** A short, one-line rendering of a JSON value for error messages. */
  static String describe(JsonNode v) {
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "a list";
    }
    String text = v.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
