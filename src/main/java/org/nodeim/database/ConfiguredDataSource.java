package org.nodeim.database;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The data source that the server's pool draws its connections from: the JDBC data source class
 * named by {@code nodeim.db.class}, given the database's name, server, port and credentials of
 * the other {@code nodeim.db.*} keys (MicroProfile Config, read through the application's own
 * class loader, so that its defaults count). It stands in the {@link Database}'s
 * {@code @DataSourceDefinition} so that the definition holds no server's own expression syntax:
 * every Jakarta EE server can create it as it is.
 *
 * <p>Each key is given to the data source through its bean setter when it has one, and left out
 * when it does not (embedded Derby has no server, PostgreSQL no {@code createDatabase}).
 */
public class ConfiguredDataSource implements DataSource {

    /** The prefix of the configuration keys that describe the database. */
    static final String SETTINGS = "nodeim.db";

    private volatile DataSource target;
    private String settings = SETTINGS;
    private PrintWriter logWriter;
    private int loginTimeout;

    @Override
    public Connection getConnection() throws SQLException {
        return target().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return target().getConnection(username, password);
    }

    /** The configured data source, made at the first connection. */
    DataSource target() throws SQLException {
        DataSource made = target;
        if (made == null) {
            synchronized (this) {
                made = target;
                if (made == null) {
                    Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
                    String prefix = settings;
                    made = create(key -> config.getOptionalValue(key.replaceFirst("^" + SETTINGS, prefix), String.class).orElse(null));
                    if (loginTimeout > 0) {
                        made.setLoginTimeout(loginTimeout);
                    }
                    target = made;
                }
            }
        }
        return made;
    }

    /**
     * A data source of the class that {@code nodeim.db.class} names, with the settings the
     * configuration gives (a missing value is not set).
     */
    static DataSource create(Function<String, String> config) throws SQLException {
        String className = config.apply("nodeim.db.class");
        if (className == null || className.isBlank()) {
            throw new SQLException("nodeim.db.class names no data source class");
        }
        DataSource dataSource;
        try {
            Object made = Class.forName(className.strip(), true, ConfiguredDataSource.class.getClassLoader())
                    .getConstructor().newInstance();
            if (!(made instanceof DataSource found)) {
                throw new SQLException(className + " is not a javax.sql.DataSource");
            }
            dataSource = found;
        } catch (ReflectiveOperationException e) {
            throw new SQLException("the data source class " + className + " could not be made", e);
        }
        for (Map.Entry<String, String> setting : settings(config).entrySet()) {
            if (setting.getValue() != null) {
                set(dataSource, setting.getKey(), setting.getValue());
            }
        }
        return dataSource;
    }

    /** Bean properties and their values: the configured database, and what embedded Derby needs to create it. */
    private static Map<String, String> settings(Function<String, String> config) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("databaseName", config.apply("nodeim.db.name"));
        settings.put("serverName", config.apply("nodeim.db.server"));
        settings.put("portNumber", config.apply("nodeim.db.port"));
        settings.put("user", config.apply("nodeim.db.user"));
        settings.put("password", config.apply("nodeim.db.password"));
        settings.put("createDatabase", "create");
        // Derby looks its own texts up at every sort, even when nobody reads them, and carries them
        // for en_US only: in any other territory each look-up fails twice with an exception first
        settings.put("connectionAttributes", "territory=en_US");
        return settings;
    }

    /** Sets a bean property from its text if the data source has a setter for it. */
    static void set(Object bean, String property, String value) throws SQLException {
        String setter = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method method : bean.getClass().getMethods()) {
            if (!method.getName().equals(setter) || method.getParameterCount() != 1) {
                continue;
            }
            Class<?> type = method.getParameterTypes()[0];
            Object argument;
            try {
                if (type == String.class) {
                    argument = value;
                } else if (type == int.class || type == Integer.class) {
                    argument = Integer.parseInt(value.strip());
                } else if (type == boolean.class || type == Boolean.class) {
                    argument = Boolean.parseBoolean(value.strip());
                } else {
                    continue;
                }
            } catch (NumberFormatException e) {
                throw new SQLException("the database setting " + property + " is not a number: " + value, e);
            }
            try {
                method.invoke(bean, argument);
                return;
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new SQLException("the database setting " + property + " was refused by " + bean.getClass().getName(), e);
            }
        }
    }

    /**
     * Where the settings come from: the prefix of their configuration keys, {@value #SETTINGS}
     * unless the definition says otherwise (a definition names at least one property of its
     * data source class: some servers refuse one without).
     */
    public void setSettings(String prefix) {
        this.settings = prefix.strip();
    }

    public String getSettings() {
        return settings;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return target().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target().isWrapperFor(type);
    }
}
