package dev.thermos.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTreeTest {
  @ParameterizedTest
  @ValueSource(strings = {"{\"a\": [1, 2147483648, 123456789012345678901234567890, 1.5, -0.0e3]}",
      "{\"s\": \"x\\u00e9\", \"t\": true, \"f\": false, \"n\": null, \"o\": {\"e\": []}}",
      "[{}, [[]], \"\"]", "7", "\"text\""})
  void theTreeIsTheOneAnObjectMapperReads(String json) throws Exception {
    JsonNode expected = new ObjectMapper().readTree(json);
    JsonNode tree = JsonTree.read(json);
    assertEquals(expected, tree);
    assertEquals(expected.toString(), tree.toString());
  }

  @Test
  void anEmptyDocumentIsAMissingNode() throws Exception {
    assertTrue(JsonTree.read("  \n").isMissingNode());
  }

  @Test
  void aValueAfterTheValueIsAnErrorWithItsLocation() {
    JsonProcessingException e = assertThrows(JsonProcessingException.class,
        () -> JsonTree.read("{\"a\": 1}\n 2"));
    assertEquals(2, e.getLocation().getLineNr());
    assertTrue(e.getOriginalMessage().startsWith("Trailing token"), e.getOriginalMessage());
  }

  @Test
  void aDuplicateKeyIsAnError() {
    JsonProcessingException e = assertThrows(JsonProcessingException.class,
        () -> JsonTree.read("{\"a\": 1, \"a\": 2}"));
    assertTrue(e.getOriginalMessage().contains("Duplicate field 'a'"), e.getOriginalMessage());
  }
}
