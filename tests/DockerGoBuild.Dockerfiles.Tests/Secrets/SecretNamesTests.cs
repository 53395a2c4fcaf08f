using System;
using DockerGoBuild.Dockerfiles.Secrets;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Secrets;

public class SecretNamesTests
{
    [Theory]
    [InlineData("SSH_KEY")]
    [InlineData("SSH_KEYS")]
    [InlineData("sshKey")]
    [InlineData("SSH_PRIVATE_KEY")]
    [InlineData("OCELOT_NUTGET_API_KEY")]
    [InlineData("NPM_TOKEN")]
    [InlineData("USER_PASSWORD")]
    [InlineData("DB_USER_PASSWORD")]
    [InlineData("HSM_TOKEN_LABEL")]
    [InlineData("ASPNETCORE_Kestrel__Certificates__Default__Password")]
    [InlineData("apiKey")]
    [InlineData("APIKey")]
    [InlineData("OAuth2Token")]
    [InlineData("GITHUB_PAT")]
    [InlineData("ACCESS_TOKEN")]
    [InlineData("accessTokens")]
    [InlineData("PRIVATE_KEYS")]
    [InlineData("DB_CONNECTION_STRING")]
    [InlineData("connectionStrings")]
    [InlineData("SIGNING_KEY")]
    [InlineData("KEY_ENCRYPTION")]
    [InlineData("CLIENT_SECRET")]
    [InlineData("STORAGE_ACCOUNT_KEY")]
    [InlineData("MYSQL_PWD")]
    [InlineData("REDIS_PASS")]
    [InlineData("BASIC_AUTH")]
    [InlineData("AWS_CREDENTIALS")]
    [InlineData("passwd")]
    [InlineData("VSS_NUGET_EXTERNAL_FEED_ENDPOINTS")]
    [InlineData("vss_nuget_external_feed_endpoints")]
    [InlineData("ConnectionStrings__Default")]
    [InlineData("CONNECTIONSTRINGS__DB")]
    [InlineData("A_PIKEY")]
    [InlineData("KEY_SSH")]
    [InlineData("MY_API_KEY_2")]
    [InlineData("pat")]
    [InlineData("X_PRIVATE_KEY_Y")]
    public void Secret_names_are_recognised(string name)
    {
        Assert.True(SecretNames.IsSecretName(name));
    }

    [Theory]
    [InlineData("SSHKEY")]
    [InlineData("SECRETFILE")]
    [InlineData("DEPLOY_KEY")]
    [InlineData("NPM_REGISTRY")]
    [InlineData("DB_USER")]
    [InlineData("DB_USERNAME")]
    [InlineData("USERNAME")]
    [InlineData("PASSENGER")]
    [InlineData("AUTHOR")]
    [InlineData("KEY")]
    [InlineData("CACHE_KEY")]
    [InlineData("tokenFile")]
    [InlineData("SSH_KEY_PATH")]
    [InlineData("SSH_PUBLIC_KEY")]
    [InlineData("MINIO_ROOT_PASSWORD_FILE")]
    [InlineData("GITNESS_TOKEN_COOKIE_NAME")]
    [InlineData("API_KEY_ID")]
    [InlineData("TOKEN_URL")]
    [InlineData("DB_USER_PASSWORD_FILE")]
    [InlineData("ASPNETCORE_Kestrel__Certificates__Default__Path")]
    [InlineData("SECRETS_DIR")]
    [InlineData("TOKEN_FILES")]
    [InlineData("PASSWORD_FILENAME")]
    [InlineData("secretDirectory")]
    [InlineData("AUTH_TYPE")]
    [InlineData("AUTH_MODE")]
    [InlineData("TOKEN_VERSION")]
    [InlineData("SECRET_URI")]
    [InlineData("GPG_KEY")]
    [InlineData("gpg_keys")]
    [InlineData("KEY_ID")]
    [InlineData("GOPRIVATE")]
    [InlineData("GONOSUMDB")]
    [InlineData("PASSWORD_SECRET_PATH")]
    [InlineData("PATH_TOKEN")]
    [InlineData("X_ACCESS_TOKEN_ID")]
    [InlineData("KEY_VAULT")]
    [InlineData("CONNECTION_TIMEOUT")]
    [InlineData("")]
    public void Other_names_are_not_secrets(string name)
    {
        Assert.False(SecretNames.IsSecretName(name));
    }

    [Theory]
    [InlineData("apiKey", "api key")]
    [InlineData("APIKey", "api key")]
    [InlineData("OAuth2Token", "o auth 2 token")]
    [InlineData("SSH_PRIVATE_KEY", "ssh private key")]
    [InlineData("ASPNETCORE_Kestrel__Certificates__Default__Password", "aspnetcore kestrel certificates default password")]
    [InlineData("my-app.v2", "my app v 2")]
    [InlineData("ABc", "a bc")]
    [InlineData("HTTPServer2Port", "http server 2 port")]
    [InlineData("--__..", "")]
    public void Names_split_into_lower_case_words(string name, string expectedWords)
    {
        Assert.Equal(expectedWords, string.Join(" ", SecretNames.Tokenize(name)));
    }

    [Theory]
    [MemberData(nameof(OddInputs.Strings), MemberType = typeof(OddInputs))]
    public void Odd_names_do_not_throw(string name)
    {
        SecretNames.IsSecretName(name);
    }

    [Theory]
    [MemberData(nameof(OddInputs.Adversarial), MemberType = typeof(OddInputs))]
    public void Long_names_take_linear_time(string pattern)
    {
        OddInputs.CompletesQuickly(pattern, name => SecretNames.IsSecretName(name));
    }

    [Fact]
    public void Names_ruled_out_by_their_letters_are_those_no_word_makes_secret()
    {
        // Names put together from pieces of secret words, split anywhere, with separators, case changes and digits
        // between them: the quick look at the letters must never rule out a name its words make secret.
        var pieces = new[]
        {
            "pass", "PASS", "word", "Wd", "p", "w", "d", "pw", "secr", "ET", "tok", "en", "To", "ke", "n", "api", "Key", "key", "KEYS",
            "auth", "Au", "th", "cred", "ential", "s", "pat", "PAT", "ac", "cess", "Access", "private", "Pri", "vate", "con", "nection",
            "String", "strings", "ConnectionStrings__", "ssh", "file", "PATH", "id", "2", "x", "_", "-", ".", "__", "Ω", "VSS_NUGET_EXTERNAL_FEED_ENDPOINTS",
            "GPG_KEY", "go", "private_", "signing",
        };
        var random = new System.Random(31);
        var secrets = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var name = new System.Text.StringBuilder();
            var count = 1 + random.Next(5);
            for (var k = 0; k < count; k++)
            {
                name.Append(pieces[random.Next(pieces.Length)]);
            }

            var text = name.ToString();
            var expected = SecretNames.IsSecretNameWordByWord(text.AsSpan());
            Assert.True(expected == SecretNames.IsSecretName(text), text);
            secrets += expected ? 1 : 0;
        }

        // Both kinds of name were tried.
        Assert.InRange(secrets, 1000, 199_000);
    }
}
