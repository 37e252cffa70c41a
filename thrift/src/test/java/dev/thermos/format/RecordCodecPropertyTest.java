package dev.thermos.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.thermos.gen.RunnerCkpt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordCodecPropertyTest {
  @TempDir Path dir;

  @Test
  void framingMatchesLibthriftSerialization() {
    qt().withExamples(500).forAll(RecordGen.records()).checkAssert(record -> {
      byte[] framed = new RecordEncoder().frame(record);
      byte[] payload = libthriftSerialize(record);
      assertEquals(payload.length, Bytes.getInt(framed, 0));
      assertArrayEquals(payload, java.util.Arrays.copyOfRange(framed, 4, framed.length));
    });
  }

  @Test
  void handDecoderAgreesWithLibthrift() {
    qt().withExamples(1000).forAll(RecordGen.records()).checkAssert(record -> {
      byte[] payload = libthriftSerialize(record);
      RunnerCkpt ours;
      try {
        ours = new RecordDecoder().decode(payload, 0, payload.length);
      } catch (MalformedRecordException e) {
        throw new AssertionError(e.getMessage() + " for " + record, e);
      }
      RunnerCkpt theirs = new RunnerCkpt();
      try {
        new TDeserializer(new TBinaryProtocol.Factory()).deserialize(theirs, payload);
      } catch (TException e) {
        throw new AssertionError(e);
      }
      assertEquals(theirs, ours);
      assertEquals(record, ours);
    });
  }

  @Test
  void anyRecordSequenceRoundTripsByteIdenticallyThroughTheWriter() {
    qt().withExamples(40)
        .forAll(RecordGen.recordLists(20), integers().between(1, 8))
        .checkAssert((records, groupSize) -> {
          try {
            Path file = Files.createTempFile(dir, "ckpt", "");
            Files.delete(file);
            try (CheckpointWriter writer = CheckpointWriter.open(file)) {
              for (int i = 0; i < records.size(); i += groupSize) {
                writer.append(records.subList(i, Math.min(records.size(), i + groupSize)));
              }
            }
            List<RunnerCkpt> read = new ArrayList<>();
            try (CheckpointReader reader = CheckpointReader.open(file)) {
              for (RunnerCkpt r = reader.next(); r != null; r = reader.next()) {
                read.add(r);
              }
              assertEquals(Files.size(file), reader.offset());
            }
            assertEquals(records, read);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            for (RunnerCkpt r : records) {
              expected.write(new RecordEncoder().frame(r));
            }
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static byte[] libthriftSerialize(RunnerCkpt record) {
    try {
      return new TSerializer(new TBinaryProtocol.Factory()).serialize(record);
    } catch (TException e) {
      throw new AssertionError(e);
    }
  }
}
