package dev.thermos.observer.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.thermos.format.TaskPaths;
import dev.thermos.format.TaskPaths.TaskFileState;
import dev.thermos.observer.watch.TaskIndex.Page;
import dev.thermos.observer.watch.TaskIndex.Which;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskIndexTest {
  private final TaskPaths root = new TaskPaths(Path.of("/nonexistent/root"));
  private final TaskIndex index = new TaskIndex();

  private void add(String id, TaskFileState state, long launchMs) {
    index.getOrCreate(id, root).fileState(state, launchMs);
    index.changed();
  }

  private static List<String> ids(Page page) {
    return page.tasks().stream().map(FollowedTask::taskId).toList();
  }

  @Test
  void pagesAreNewestFirstThenById() {
    for (int i = 0; i < 10_000; i++) {
      add(String.format("f%05d", i), TaskFileState.FINISHED, i / 2);
    }
    for (int i = 0; i < 1000; i++) {
      add(String.format("a%04d", i), TaskFileState.ACTIVE, 100_000 + i);
    }
    Page first = index.page(Which.FINISHED, 0, 4, null);
    assertEquals(10_000, first.total());
    assertEquals(List.of("f09998", "f09999", "f09996", "f09997"), ids(first));
    assertEquals(List.of("f00000", "f00001"), ids(index.page(Which.FINISHED, 9998, 50, null)));
    assertEquals(List.of("a0999", "a0998"), ids(index.page(Which.ACTIVE, 0, 2, null)));
    assertEquals(List.of("a0999"), ids(index.page(Which.ALL, 0, 1, null)));
    assertEquals(List.of("f00000", "f00001"), ids(index.page(Which.ALL, -2, 20, null)));
    assertEquals(11_000, index.count(Which.ALL));
    assertEquals(1000, index.count(Which.ACTIVE));
  }

  @Test
  void aPageBeyondTheEndIsEmptyAndANegativeOffsetCountsFromTheEnd() {
    add("x", TaskFileState.FINISHED, 1);
    add("y", TaskFileState.FINISHED, 2);
    add("z", TaskFileState.FINISHED, 3);
    assertEquals(List.of(), ids(index.page(Which.FINISHED, 5, 10, null)));
    assertEquals(3, index.page(Which.FINISHED, 5, 10, null).total());
    assertEquals(List.of("y", "x"), ids(index.page(Which.FINISHED, -2, 10, null)));
    assertEquals(List.of(), ids(index.page(Which.FINISHED, 0, 0, null)));
  }

  @Test
  void theQueryKeepsIdsContainingIt() {
    add("web-1", TaskFileState.ACTIVE, 1);
    add("db-1", TaskFileState.ACTIVE, 2);
    add("web-2", TaskFileState.FINISHED, 3);
    Page page = index.page(Which.ALL, 0, 10, "web");
    assertEquals(List.of("web-2", "web-1"), ids(page));
    assertEquals(2, page.total());
  }

  @Test
  void aMoveToFinishedMovesTheTaskBetweenTheLists() {
    add("t", TaskFileState.ACTIVE, 1);
    assertEquals(1, index.count(Which.ACTIVE));
    add("t", TaskFileState.FINISHED, 1);
    assertEquals(0, index.count(Which.ACTIVE));
    assertEquals(List.of("t"), ids(index.page(Which.FINISHED, 0, 10, null)));
  }

  @Test
  void aTaskWithoutATaskFileIsNotListedAndAnotherRootsSameIdIsRefused() {
    index.getOrCreate("orphan", root);
    assertNull(index.get("orphan"));
    assertEquals(0, index.count(Which.ALL));
    assertNull(index.getOrCreate("orphan", new TaskPaths(Path.of("/other"))));
  }
}
