package dev.ferry.exporter.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.common.ConfigException;
import dev.ferry.common.ExitCode;
import dev.ferry.common.StoreException;
import dev.ferry.stores.keycloak.LeftOutValues;
import dev.ferry.stores.keycloak.MaskedValues;
import dev.ferry.stores.keycloak.RealmSecrets;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the exporter carries of a realm read through the Admin API: masks left out and listed, or the export refused. */
class CarriedRealmTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode read(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void aMaskedKeyProviderAndSmtpPasswordAreLeftOutListedAndNeverCarried() throws Exception {
        ObjectNode realm = read("{'realm':'app','smtpServer':{'host':'mail','password':'**********'},"
                + "'users':[{'id':'sa-1','username':'service-account-x','serviceAccountClientId':'x'}],"
                + "'components':{'org.keycloak.keys.KeyProvider':[{'name':'imported','providerId':'rsa','config':"
                + "{'privateKey':['**********'],'certificate':['MIIB']}}]}}");
        KeycloakExporter.Carried carried = KeycloakExporter.carried(realm, null);

        assertEquals(List.of(), MaskedValues.find(carried.realm()));
        assertFalse(carried.realm().path("smtpServer").has("password"));
        assertEquals("mail", carried.realm().path("smtpServer").path("host").asText());
        assertTrue(carried.realm().path("components").path("org.keycloak.keys.KeyProvider").isEmpty());
        assertEquals("sa-1", carried.realm().path("users").path(0).path("id").asText(), "service accounts stay, with their ids");
        assertEquals(List.of(RealmSecrets.Kind.SMTP_SECRET, RealmSecrets.Kind.REALM_KEY),
                carried.leftOut().stream().map(MaskedValues.LeftOut::kind).toList());
        assertTrue(carried.leftOut().get(1).consequence().contains("every user logs in again"), carried.leftOut().toString());
        assertFalse(carried.realm().toString().contains(RealmSecrets.MASK));

        // left-out.json round-trips through its one codec.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LeftOutValues.write(carried.leftOut(), out);
        assertEquals(carried.leftOut(), LeftOutValues.read(new ByteArrayInputStream(out.toByteArray())));
        assertFalse(out.toString().contains(RealmSecrets.MASK), "names the value, never the mask or the value");
    }

    @Test
    void aMaskedSecretOfAnUnknownComponentRefusesTheExportNamingItAndTheFix() throws Exception {
        ObjectNode realm = read("{'realm':'app','components':{'org.example.Thing':[{'name':'vault','providerId':'x',"
                + "'config':{'token':['**********']}}]}}");
        StoreException e = assertThrows(StoreException.class, () -> KeycloakExporter.carried(realm, null));
        assertEquals(ExitCode.STORE, e.exitCode());
        assertTrue(e.problem().contains("component 'vault'"), e.problem());
        assertTrue(e.fix().contains("--keycloak-realm-file"), e.fix());
    }

    @Test
    void withAnOfflineExportNothingIsListedOrRefusedButAMaskInTheExportItselfIs() throws Exception {
        ObjectNode realm = read("{'realm':'app','components':{'org.example.Thing':[{'name':'vault','providerId':'x',"
                + "'config':{'token':['**********']}}]}}");
        OfflineRealmExport clean = new OfflineRealmExport(Path.of("export.json"), read("{'realm':'app','users':[]}"));
        assertEquals(List.of(), KeycloakExporter.carried(realm, clean).leftOut());
        OfflineRealmExport masked = new OfflineRealmExport(Path.of("partial.json"), read("{'realm':'app','smtpServer':{'password':'**********'}}"));
        ConfigException e = assertThrows(ConfigException.class, () -> KeycloakExporter.carried(realm, masked));
        assertTrue(e.problem().contains("not the output of kc.sh export"), e.problem());
    }
}
