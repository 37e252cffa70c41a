package dev.thermos.supervision;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupSwitchTest {
  @Test
  void offTurnsCgroupsOffInAnyCase() {
    assertFalse(CgroupSwitch.enabled(Map.of("THERMOS_CGROUP", "off")));
    assertFalse(CgroupSwitch.enabled(Map.of("THERMOS_CGROUP", "OFF")));
    assertFalse(CgroupSwitch.enabled(Map.of("THERMOS_CGROUP", " off\n")));
  }

  @Test
  void anythingElseOrNothingLeavesThemOn() {
    assertTrue(CgroupSwitch.enabled(Map.of()));
    assertTrue(CgroupSwitch.enabled(Map.of("THERMOS_CGROUP", "on")));
    assertTrue(CgroupSwitch.enabled(Map.of("THERMOS_CGROUP", "")));
  }
}
