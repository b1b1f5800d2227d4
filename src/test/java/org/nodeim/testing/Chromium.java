package org.nodeim.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by Selenium, for the browser tests. Without {@code chromium}
 * and {@code chromium-driver} installed ({@code .ci/run} installs them) a test that asks for a
 * browser fails, saying so, unless {@code -Dnodeim.browser-tests=skip} asks to skip it: a missing
 * browser never passes unnoticed.
 */
public final class Chromium {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String CHROMIUM = "/usr/bin/chromium";

    /** Where the browser tests write their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    /** A new browser with its own profile directory (its own cookies and local storage). */
    public static WebDriver start(Path profile) {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(Path.of(CHROMIUM));
        assumeTrue(installed || !"skip".equals(System.getProperty("nodeim.browser-tests")),
                "skipped on request (-Dnodeim.browser-tests=skip)");
        assertThat(installed).as("the browser tests need Debian's chromium and chromium-driver"
                + " (apt-get install chromium chromium-driver), or -Dnodeim.browser-tests=skip to skip them").isTrue();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,860");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as {@code target/screenshots/NAME.png}. */
    public static void screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
