import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The two steps of the secured broker that carry SCRAM passwords, run by kafka.sh and
 * tools/kafka-principal.ts with Java's single-file launcher (`java -cp <kafka jars> KafkaSecrets.java`).
 * The passwords arrive on standard input, one "name password" per line, never as arguments:
 * a process's arguments are readable by every local user (ps), its standard input is not.
 *
 *   format <server.properties> <cluster id>  formats KRaft storage with a SCRAM-SHA-512 credential per line
 *   add-user <admin client properties>      adds or replaces the credential of each line through the Admin API
 */
public class KafkaSecrets {
  private static final int SCRAM_ITERATIONS = 8192;

  public static void main(String[] args) throws Exception {
    List<String[]> credentials = readCredentials();
    switch (args.length > 0 ? args[0] : "") {
      case "format" -> format(args[1], args[2], credentials);
      case "add-user" -> addUsers(args[1], credentials);
      default -> {
        System.err.println("usage: KafkaSecrets format <server.properties> <cluster id> | add-user <admin.properties>");
        System.exit(2);
      }
    }
  }

  private static List<String[]> readCredentials() throws Exception {
    List<String[]> credentials = new ArrayList<>();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length != 2) throw new IllegalArgumentException("each line must be: <name> <password>");
      credentials.add(parts);
    }
    if (credentials.isEmpty()) throw new IllegalArgumentException("no credentials on standard input");
    return credentials;
  }

  /** StorageTool in this JVM, so its --add-scram arguments never reach a command line. */
  private static void format(String config, String clusterId, List<String[]> credentials) {
    List<String> args = new ArrayList<>(List.of("format", "--config", config, "--cluster-id", clusterId, "--standalone"));
    for (String[] credential : credentials) {
      args.add("--add-scram");
      args.add("SCRAM-SHA-512=[name=" + credential[0] + ",iterations=" + SCRAM_ITERATIONS + ",password=" + credential[1] + "]");
    }
    kafka.tools.StorageTool.main(args.toArray(new String[0]));
  }

  private static void addUsers(String adminConfig, List<String[]> credentials) throws Exception {
    Properties properties = new Properties();
    try (FileInputStream file = new FileInputStream(adminConfig)) {
      properties.load(file);
    }
    try (Admin admin = Admin.create(properties)) {
      List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> alterations = new ArrayList<>();
      for (String[] credential : credentials) {
        alterations.add(new UserScramCredentialUpsertion(
            credential[0], new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), credential[1]));
      }
      admin.alterUserScramCredentials(alterations).all().get();
    }
    for (String[] credential : credentials) System.out.println("kafka: SCRAM-SHA-512 credential set for " + credential[0]);
  }
}
