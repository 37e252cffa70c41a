package dev.thermos.observer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium under Selenium, headless, with nothing downloaded: the browser and the driver
 * are given by path ({@code webdriver.chrome.driver} and the service's executable), so Selenium
 * Manager never runs. A missing browser fails the test; it is not skipped.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Chromium() {}

  /** A headless chromium with its own profile under {@code profile}. */
  static ChromeDriver start(Path profile) {
    for (Path p : new Path[] {BROWSER, DRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new AssertionError(p + " is missing: install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver)");
      }
    }
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1400,1100", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /**
   * Waits until {@code condition} gives a non-null, non-false value; fails after the deadline. An
   * element replaced by a re-render while the condition looked at it only means "not yet".
   */
  static <T> T await(WebDriver driver, Duration deadline, String what,
      Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, deadline).withMessage(what)
        .ignoring(StaleElementReferenceException.class).until(condition::apply);
  }

  /** Clicks the element {@code find} gives, again if a re-render replaced it meanwhile. */
  static void click(WebDriver driver, Duration deadline, String what,
      Function<WebDriver, org.openqa.selenium.WebElement> find) {
    await(driver, deadline, what, d -> {
      find.apply(d).click();
      return true;
    });
  }

  /** Saves a PNG of the whole page (the window grown to its height) as {@code name.png}. */
  static Path screenshotPage(WebDriver driver, String name) throws IOException {
    Number height = (Number) ((org.openqa.selenium.JavascriptExecutor) driver)
        .executeScript("return document.documentElement.scrollHeight;");
    org.openqa.selenium.Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(),
        Math.min(4000, height.intValue() + 120)));
    try {
      return screenshot(driver, name);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** Saves a PNG of the window as {@code target/screenshots/name.png} and returns its path. */
  static Path screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Path out = SCREENSHOTS.resolve(name + ".png");
    Files.copy(shot.toPath(), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return out;
  }
}
