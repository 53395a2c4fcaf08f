using DockerGoBuild.Dockerfiles.Secrets;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Secrets;

public class SecretFilesTests
{
    [Theory]
    [InlineData("id_rsa", SecretFileKind.SshPrivateKey)]
    [InlineData("id_dsa", SecretFileKind.SshPrivateKey)]
    [InlineData("id_ecdsa", SecretFileKind.SshPrivateKey)]
    [InlineData("id_ed25519", SecretFileKind.SshPrivateKey)]
    [InlineData("keys/id_rsa_github", SecretFileKind.SshPrivateKey)]
    [InlineData("ID_RSA", SecretFileKind.SshPrivateKey)]
    [InlineData("id_rsa*", SecretFileKind.SshPrivateKey)]
    [InlineData("~/.ssh/id_ed25519", SecretFileKind.SshPrivateKey)]
    [InlineData(".ssh", SecretFileKind.SshDirectory)]
    [InlineData(".ssh/", SecretFileKind.SshDirectory)]
    [InlineData(".ssh/*", SecretFileKind.SshDirectory)]
    [InlineData("./home/.ssh", SecretFileKind.SshDirectory)]
    [InlineData(".env", SecretFileKind.DotEnv)]
    [InlineData("./.env", SecretFileKind.DotEnv)]
    [InlineData(".env.production", SecretFileKind.DotEnv)]
    [InlineData(".env.local", SecretFileKind.DotEnv)]
    [InlineData(".env*", SecretFileKind.DotEnv)]
    [InlineData(".env.*", SecretFileKind.DotEnv)]
    [InlineData(".npmrc", SecretFileKind.Npmrc)]
    [InlineData(".yarnrc.yml", SecretFileKind.YarnRc)]
    [InlineData(".netrc", SecretFileKind.Netrc)]
    [InlineData("_netrc", SecretFileKind.Netrc)]
    [InlineData(".pypirc", SecretFileKind.Pypirc)]
    [InlineData("pip.conf", SecretFileKind.PipConf)]
    [InlineData(".git-credentials", SecretFileKind.GitCredentials)]
    [InlineData(".dockercfg", SecretFileKind.DockerConfig)]
    [InlineData(".docker/config.json", SecretFileKind.DockerConfig)]
    [InlineData("/root/.docker/config.json", SecretFileKind.DockerConfig)]
    [InlineData(".aws/credentials", SecretFileKind.AwsCredentials)]
    [InlineData("~/.aws/credentials", SecretFileKind.AwsCredentials)]
    [InlineData(".kube/config", SecretFileKind.Kubeconfig)]
    [InlineData("kubeconfig", SecretFileKind.Kubeconfig)]
    [InlineData("credentials.json", SecretFileKind.GoogleCredentials)]
    [InlineData("gcp-service-account.json", SecretFileKind.GoogleCredentials)]
    [InlineData("*service-account*.json", SecretFileKind.GoogleCredentials)]
    [InlineData("cert.pfx", SecretFileKind.Certificate)]
    [InlineData("signing.P12", SecretFileKind.Certificate)]
    [InlineData("*.pfx", SecretFileKind.Certificate)]
    [InlineData("server.key", SecretFileKind.PrivateKey)]
    [InlineData("*.key", SecretFileKind.PrivateKey)]
    [InlineData("certs/server-key.pem", SecretFileKind.PrivateKey)]
    [InlineData("privkey.pem", SecretFileKind.PrivateKey)]
    [InlineData("private.pem", SecretFileKind.PrivateKey)]
    [InlineData(".ssh/deploy.key", SecretFileKind.PrivateKey)]
    [InlineData("C:\\Users\\me\\.ssh\\id_rsa", SecretFileKind.SshPrivateKey)]
    [InlineData("secrets\\.npmrc", SecretFileKind.Npmrc)]
    [InlineData("config/", SecretFileKind.None)]
    [InlineData("id_[r]sa", SecretFileKind.SshPrivateKey)]
    [InlineData(".npmr[c]", SecretFileKind.Npmrc)]
    [InlineData("server[0-9].key", SecretFileKind.PrivateKey)]
    [InlineData(".env.[!e]*", SecretFileKind.DotEnv)]
    [InlineData("  .npmrc  ", SecretFileKind.Npmrc)]
    [InlineData("a[b/c]d/.ssh", SecretFileKind.SshDirectory)] // a bracket expression in a folder
    [InlineData("keys/[ab]/.ss[h]", SecretFileKind.SshDirectory)]
    [InlineData("x/.ss[h/]", SecretFileKind.None)] // the bracket expression goes, with the 'h'
    [InlineData("service-account.json", SecretFileKind.GoogleCredentials)] // the shortest name so
    [InlineData("Service-Account.JSON", SecretFileKind.GoogleCredentials)]
    [InlineData("key.pem", SecretFileKind.PrivateKey)] // the shortest .pem key
    [InlineData("KEY.PEM", SecretFileKind.PrivateKey)]
    [InlineData(".key", SecretFileKind.PrivateKey)]
    [InlineData("a.p12", SecretFileKind.Certificate)]
    [InlineData("ke*y.pem", SecretFileKind.PrivateKey)]
    [InlineData("package.json", SecretFileKind.None)]
    [InlineData("account.json", SecretFileKind.None)]
    [InlineData("kEy.pe", SecretFileKind.None)]
    [InlineData(".SSH", SecretFileKind.SshDirectory)]
    [InlineData("\t.npmrc", SecretFileKind.Npmrc)]
    public void Credential_files_are_classified(string source, SecretFileKind expected)
    {
        Assert.Equal(expected, SecretFiles.Classify(source));
    }

    [Theory]
    [InlineData("id_rsa.pub")]
    [InlineData("id_ed25519.pub")]
    [InlineData("*.pub")]
    [InlineData(".ssh/known_hosts")]
    [InlineData(".ssh/config")]
    [InlineData(".ssh/authorized_keys")]
    [InlineData("server.crt")]
    [InlineData("ca.cer")]
    [InlineData("ca.pem")]
    [InlineData("cert.pem")]
    [InlineData("NuGet.config")]
    [InlineData(".htpasswd")]
    [InlineData("ssh_host_rsa_key")]
    [InlineData("ssh_host_ed25519_key")]
    [InlineData("ssh_host_*_key*")]
    [InlineData("/etc/ssh/ssh_host_ecdsa_key")]
    [InlineData(".healthcheck.env")]
    [InlineData("package.json")]
    [InlineData(".env.example")]
    [InlineData(".env.sample")]
    [InlineData(".env.template")]
    [InlineData(".env.dist")]
    [InlineData(".environment")]
    [InlineData("config.json")]
    [InlineData("credentials")]
    [InlineData("config")]
    [InlineData("my.docker/config.json")]
    [InlineData(".yarnrc")]
    [InlineData("id_[rd]sa")]
    [InlineData("[")]
    [InlineData(".")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("https://example.com/id_rsa")]
    [InlineData("http://example.com/.env")]
    [InlineData("git@github.com:org/secrets.git")]
    [InlineData("https://github.com/org/repo.git#main:.npmrc")]
    [InlineData("github.com/org/.netrc.git")]
    public void Other_sources_are_not_credential_files(string source)
    {
        Assert.Equal(SecretFileKind.None, SecretFiles.Classify(source));
    }

    [Theory]
    [InlineData(SecretFileKind.Npmrc, ".npmrc", "npmrc")]
    [InlineData(SecretFileKind.YarnRc, ".yarnrc.yml", "yarnrc")]
    [InlineData(SecretFileKind.Netrc, "_netrc", "netrc")]
    [InlineData(SecretFileKind.Pypirc, ".pypirc", "pypirc")]
    [InlineData(SecretFileKind.PipConf, "pip.conf", "pipconf")]
    [InlineData(SecretFileKind.GitCredentials, ".git-credentials", "git-credentials")]
    [InlineData(SecretFileKind.DockerConfig, ".docker/config.json", "dockerconfig")]
    [InlineData(SecretFileKind.AwsCredentials, ".aws/credentials", "aws")]
    [InlineData(SecretFileKind.Kubeconfig, ".kube/config", "kubeconfig")]
    [InlineData(SecretFileKind.SshDirectory, ".ssh/", "ssh")]
    [InlineData(SecretFileKind.DotEnv, ".env", "env")]
    [InlineData(SecretFileKind.DotEnv, "config/.env.production", "env-production")]
    [InlineData(SecretFileKind.SshPrivateKey, "~/.ssh/id_rsa", "id_rsa")]
    [InlineData(SecretFileKind.SshPrivateKey, "ID_ED25519", "id_ed25519")]
    [InlineData(SecretFileKind.PrivateKey, "certs/Server Key.pem", "server-key")]
    [InlineData(SecretFileKind.PrivateKey, "tls.key", "tls")]
    [InlineData(SecretFileKind.PrivateKey, "*.key", "key")]
    [InlineData(SecretFileKind.Certificate, "my.cert.pfx", "my-cert")]
    [InlineData(SecretFileKind.GoogleCredentials, "gcp-service-account.json", "gcp-service-account")]
    [InlineData(SecretFileKind.None, "", "secret")]
    [InlineData(SecretFileKind.PrivateKey, "...", "secret")]
    public void Suggested_secret_ids_are_short_and_stable(SecretFileKind kind, string source, string expected)
    {
        Assert.Equal(expected, SecretFiles.SuggestedSecretId(kind, source));
    }

    [Theory]
    [InlineData(SecretFileKind.SshPrivateKey, "git go ssh")]
    [InlineData(SecretFileKind.SshDirectory, "git go ssh")]
    [InlineData(SecretFileKind.Netrc, "git go ssh")]
    [InlineData(SecretFileKind.GitCredentials, "git go ssh")]
    [InlineData(SecretFileKind.Npmrc, "npm yarn pnpm")]
    [InlineData(SecretFileKind.YarnRc, "npm yarn pnpm")]
    [InlineData(SecretFileKind.Pypirc, "pip pip3 twine")]
    [InlineData(SecretFileKind.PipConf, "pip pip3 twine")]
    [InlineData(SecretFileKind.AwsCredentials, "aws")]
    [InlineData(SecretFileKind.DotEnv, "")]
    [InlineData(SecretFileKind.DockerConfig, "")]
    [InlineData(SecretFileKind.GoogleCredentials, "")]
    [InlineData(SecretFileKind.Kubeconfig, "")]
    [InlineData(SecretFileKind.Certificate, "")]
    [InlineData(SecretFileKind.PrivateKey, "")]
    [InlineData(SecretFileKind.None, "")]
    public void Tools_reading_each_kind_are_listed(SecretFileKind kind, string expectedTools)
    {
        Assert.Equal(expectedTools, string.Join(" ", SecretFiles.ToolsReading(kind)));
    }

    [Theory]
    [InlineData("go.sum")]
    [InlineData("app")]
    [InlineData("*.csproj")]
    [InlineData("src/")]
    [InlineData(".")]
    [InlineData("id_rsa")]
    [InlineData("keys/ID_RSA_github")]
    [InlineData("id_rsa*/")]
    [InlineData(".ssh/*")]
    [InlineData(".e?nv")]
    [InlineData("?.key")]
    [InlineData("x.ke*y")]
    [InlineData("CERT.P12")]
    [InlineData("x.KEY")]
    [InlineData("a\\b\\.npmrc\\")]
    [InlineData(" .env \t")]
    [InlineData("foo/ *")]
    [InlineData("\tkubeconfig/")]
    [InlineData("credentials.json")]
    [InlineData(".docker/config.json")]
    [InlineData(".aws/credentials")]
    [InlineData("x/[a/b]id_rsa")]
    [InlineData("[.]env")]
    [InlineData("id_[r]sa/")]
    [InlineData(".npmr[c]")]
    [InlineData("\u212Aubeconfig")]
    [InlineData("dir\u00e9/.netrc")]
    [InlineData(".n\u00e9trc")]
    [InlineData("\u00a0.env\u00a0")]
    [InlineData("keys/id_rs\u00e9")]
    [InlineData("x\u00e9y.key")]
    [InlineData("\u00e9.key")]
    [InlineData("i\u0130_rsa")]
    [InlineData("src/Services/Catalog/Catalog.API/Catalog.API.csproj")]
    [InlineData("*.pem")]
    [InlineData("**/.env")]
    [InlineData(".*env")]
    [InlineData("id_rsa/ *")]
    [InlineData("cert.pe*m")]
    [InlineData("my-private.pe?")]
    [InlineData("server.k?y")]
    [InlineData("tls.Key")]
    [InlineData("a/b/Service-Account.JSON")]
    [InlineData("x.json\u00e9")]
    [InlineData("signing.p1\u00b2")]
    [InlineData(".p12")]
    [InlineData("p12")]
    [InlineData("https://example.com/server.key")]
    [InlineData("git@github.com:org/id_rsa")]
    [InlineData("github.com/org/.netrc.git")]
    [InlineData("*")]
    [InlineData("/")]
    [InlineData("")]
    public void Sources_classified_in_place_are_classified_as_strings(string source)
    {
        // The analysis classifies a source where it lies in the line: it must tell the same kind.
        var chars = (source + "unread").ToCharArray();
        Assert.Equal(SecretFiles.Classify(source), SecretFiles.Classify(new System.ReadOnlySpan<char>(chars, 0, source.Length)));
    }

    [Theory]
    [MemberData(nameof(OddInputs.Strings), MemberType = typeof(OddInputs))]
    public void Odd_sources_do_not_throw(string source)
    {
        var kind = SecretFiles.Classify(source);
        SecretFiles.SuggestedSecretId(kind, source);
    }

    [Theory]
    [MemberData(nameof(OddInputs.Adversarial), MemberType = typeof(OddInputs))]
    public void Long_sources_take_linear_time(string pattern)
    {
        OddInputs.CompletesQuickly(pattern, source => SecretFiles.SuggestedSecretId(SecretFiles.Classify(source), source));
    }
}
