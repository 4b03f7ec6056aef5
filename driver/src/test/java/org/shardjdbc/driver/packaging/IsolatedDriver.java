package org.shardjdbc.driver.packaging;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The driver loaded the way a SQL tool's driver manager, an application server or a plugin loads it: by a class
 * loader of its own whose parent is the platform class loader, so that neither the application class loader nor the
 * thread's context class loader can see the driver's classes or its dependencies.
 */
final class IsolatedDriver implements AutoCloseable {
  private final URLClassLoader loader;
  private final Driver driver;

  private IsolatedDriver(URLClassLoader loader) throws ReflectiveOperationException {
    this.loader = loader;
    this.driver = (Driver) loader.loadClass("org.shardjdbc.driver.jdbc.ShardDriver").getConstructor().newInstance();
  }

  /**
   * @param first jars put before the driver's class path (an older library that would shadow the driver's)
   * @param keep which entries of this JVM's class path the driver's loader gets
   */
  static IsolatedDriver load(List<Path> first, Predicate<String> keep) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (Path jar : first) {
      urls.add(jar.toUri().toURL());
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && keep.test(entry) && !entry.contains("test-classes")) {
        urls.add(url(entry));
      }
    }
    return new IsolatedDriver(new URLClassLoader("isolated-shard-driver", urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader()));
  }

  private static URL url(String entry) throws MalformedURLException {
    return Path.of(entry).toUri().toURL();
  }

  Driver driver() {
    return driver;
  }

  ClassLoader loader() {
    return loader;
  }

  /** Closes the runtimes the isolated driver created, then its class loader. */
  @Override
  public void close() throws Exception {
    Method closeAll = loader.loadClass("org.shardjdbc.driver.runtime.ShardRuntimes").getMethod("closeAll");
    closeAll.invoke(null);
    loader.close();
  }
}
