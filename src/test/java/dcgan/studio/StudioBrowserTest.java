package dcgan.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Both pages in a real browser: headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, which {@code .ci/run} installs) driven by Selenium. The runs page draws its
 * charts and grid; in the explorer, picking a digit changes the images. Screenshots of both pages
 * go to {@code target/studio-screenshots/}. Skipped, saying why, where Chromium is missing.
 *
 * <p>{@code DCGAN_STUDIO_RUNS=DIR} (and {@code DCGAN_STUDIO_MODEL=PATH} below it) points the test at
 * real runs instead of the fixtures: how README's screenshots were made.
 */
class StudioBrowserTest {

  @TempDir
  static Path tmp;

  static StudioServer studio;
  static WebDriver browser;
  static String model = "conditional/saved_models/generator";

  @BeforeAll
  static void start() throws IOException {
    Optional<Path> chromium = firstExisting("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    Optional<Path> driver = firstExisting("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    assumeTrue(chromium.isPresent() && driver.isPresent(), "no Chromium and chromedriver here (apt-get install chromium"
        + " chromium-driver): the studio's browser test is skipped");
    String runs = System.getenv("DCGAN_STUDIO_RUNS");
    Path root = runs != null ? Path.of(runs) : StudioFixtures.runs(tmp.resolve("runs"));
    if (System.getenv("DCGAN_STUDIO_MODEL") != null) {
      model = System.getenv("DCGAN_STUDIO_MODEL");
    }
    studio = StudioServer.start(root, "127.0.0.1", 0, new PrintStream(PrintStream.nullOutputStream()));
    ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1300");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (studio != null) {
      studio.close();
    }
  }

  private static Optional<Path> firstExisting(String variable, String... paths) {
    String given = System.getenv(variable);
    return Stream.concat(Stream.ofNullable(given), Stream.of(paths)).map(Path::of).filter(Files::isExecutable).findFirst();
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(60));
  }

  private static Object script(String code, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(code, args);
  }

  @Test
  void theRunsPageDrawsItsChartsAndGrid() throws IOException {
    browser.get(studio.url());
    waiting().until(b -> b.findElements(By.cssSelector("#runs tbody tr")).size() >= 1);
    waiting().until(b -> b.findElements(By.cssSelector("#loss-charts canvas")).size() >= 4);
    waiting().until(b -> (Boolean) script("const i = document.getElementById('grid'); return i.complete && i.naturalWidth > 0;"));
    assertTrue(browser.findElements(By.cssSelector(".uplot")).size() >= 4, "uPlot charts");
    String newest = browser.findElement(By.id("grid")).getAttribute("src");
    WebElement slider = browser.findElement(By.id("grid-slider"));
    script("arguments[0].value = 0; arguments[0].dispatchEvent(new Event('input'));", slider);
    assertNotEquals(newest, browser.findElement(By.id("grid")).getAttribute("src"), "the slider goes back through the epochs");
    script("arguments[0].value = arguments[0].max; arguments[0].dispatchEvent(new Event('input'));", slider);
    waiting().until(b -> "live".equals(b.findElement(By.id("live")).getText()));
    screenshot("runs.png");
  }

  @Test
  void inTheExplorerPickingADigitChangesTheImages() throws IOException {
    browser.get(studio.url() + "explore?model=" + model);
    waiting().until(b -> b.findElements(By.cssSelector("#digits button")).size() > 2 && tile("alt") != null);
    waiting().until(b -> "class 0".equals(tile("alt")));
    String before = tile("src");
    browser.findElement(By.cssSelector("#digits button[data-digit='3']")).click();
    waiting().until(b -> "class 3".equals(tile("alt")));
    assertNotEquals(before, tile("src"), "a 3 drawn instead of a 0");
    assertEquals(16L, script("return document.querySelectorAll('#tiles img').length;"));
    script("document.querySelectorAll('#tiles img')[5].click();");
    browser.findElement(By.id("walk")).click();
    waiting().until(b -> (Long) script("return document.querySelectorAll('#strip img').length;") == 10L);
    screenshot("explore.png");
  }

  /** An attribute of the first image in the explorer's grid, read afresh (the grid is redrawn often). */
  private static String tile(String attribute) {
    return (String) script("const i = document.querySelector('#tiles img'); return i ? i.getAttribute(arguments[0]) : null;", attribute);
  }

  private static void screenshot(String name) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "studio-screenshots"));
    Files.write(folder.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
