package org.nodeim.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.Test;

class ConfiguredDataSourceTest {

    private static Map<String, String> settings(String className) {
        var settings = new HashMap<String, String>();
        settings.put("nodeim.db.class", className);
        settings.put("nodeim.db.name", "chat");
        settings.put("nodeim.db.server", "db.example");
        settings.put("nodeim.db.port", "5433");
        settings.put("nodeim.db.user", "im");
        settings.put("nodeim.db.password", "secret");
        return settings;
    }

    @Test
    void embeddedDerbyGetsItsNameAndTerritoryAndIsCreated() throws SQLException {
        DataSource made = ConfiguredDataSource.create(settings(EmbeddedDataSource.class.getName())::get);

        assertThat(made).isInstanceOf(EmbeddedDataSource.class);
        EmbeddedDataSource derby = (EmbeddedDataSource) made;
        assertThat(derby.getDatabaseName()).isEqualTo("chat");
        assertThat(derby.getUser()).isEqualTo("im");
        assertThat(derby.getPassword()).isEqualTo("secret");
        assertThat(derby.getCreateDatabase()).isEqualTo("create");
        assertThat(derby.getConnectionAttributes()).isEqualTo("territory=en_US");
    }

    @Test
    void aNetworkDataSourceGetsItsServerAndPortAsANumberButNoCreateDatabase() throws SQLException {
        PGSimpleDataSource pg = (PGSimpleDataSource) ConfiguredDataSource.create(settings(PGSimpleDataSource.class.getName())::get);

        assertThat(pg.getServerName()).isEqualTo("db.example");
        assertThat(pg.getPortNumber()).isEqualTo(5433);
        assertThat(pg.getDatabaseName()).isEqualTo("chat");
    }

    @Test
    void aSettingMissingFromTheConfigurationIsLeftAsTheClassHasIt() throws SQLException {
        Map<String, String> settings = settings(PGSimpleDataSource.class.getName());
        settings.remove("nodeim.db.port");

        PGSimpleDataSource pg = (PGSimpleDataSource) ConfiguredDataSource.create(settings::get);

        assertThat(pg.getPortNumber()).isEqualTo(new PGSimpleDataSource().getPortNumber());
    }

    @Test
    void aPortThatIsNoNumberIsRefusedWithTheSettingsName() {
        Map<String, String> settings = settings(PGSimpleDataSource.class.getName());
        settings.put("nodeim.db.port", "fifteen");

        assertThatThrownBy(() -> ConfiguredDataSource.create(settings::get))
                .isInstanceOf(SQLException.class).hasMessageContaining("portNumber");
    }

    @Test
    void aClassThatIsNoDataSourceOrDoesNotExistIsRefused() {
        assertThatThrownBy(() -> ConfiguredDataSource.create(settings(String.class.getName())::get))
                .isInstanceOf(SQLException.class).hasMessageContaining("not a javax.sql.DataSource");
        assertThatThrownBy(() -> ConfiguredDataSource.create(settings("org.example.NoSuchDataSource")::get))
                .isInstanceOf(SQLException.class).hasMessageContaining("org.example.NoSuchDataSource");
        assertThatThrownBy(() -> ConfiguredDataSource.create(Map.<String, String>of()::get))
                .isInstanceOf(SQLException.class).hasMessageContaining("nodeim.db.class");
    }
}
