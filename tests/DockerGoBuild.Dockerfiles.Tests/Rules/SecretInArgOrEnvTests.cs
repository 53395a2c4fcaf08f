using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class SecretInArgOrEnvTests
{
    private const string Id = "DGB031";
    private const string From = "FROM alpine\n";
    private const string Ghp = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Akia = "AKIAABCDEFGHIJKLMNOP";
    private const string RsaBody = "MIIEowIBAAKCAQEAvq9Hf8d2kB";

    [Theory]
    [InlineData("PASSWORD")]
    [InlineData("DB_PASSWORD")]
    [InlineData("db.passwd")]
    [InlineData("MYSQL_PWD")]
    [InlineData("DB_PASS")]
    [InlineData("API_SECRET")]
    [InlineData("SECRETS")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("NPM_TOKENS")]
    [InlineData("NPM_AUTH")]
    [InlineData("AWS_CREDENTIALS")]
    [InlineData("AZURE_CREDENTIAL")]
    [InlineData("GH_PAT")]
    [InlineData("accessToken")]
    [InlineData("ACCESS_TOKEN")]
    [InlineData("APIKEY")]
    [InlineData("apiKey")]
    [InlineData("API_KEY")]
    [InlineData("privateKey")]
    [InlineData("PRIVATE_KEY")]
    [InlineData("CONNECTION_STRING")]
    [InlineData("connectionStrings")]
    [InlineData("SSH_KEY")]
    [InlineData("SSH_KEYS")]
    [InlineData("sshKey")]
    [InlineData("SSH_PRIVATE_KEY")]
    [InlineData("SIGNING_KEY")]
    [InlineData("ENCRYPTION_KEY")]
    [InlineData("CLIENT_KEY")]
    [InlineData("STORAGE_ACCOUNT_KEY")]
    [InlineData("KEY_SECRET")]
    [InlineData("USER_PASSWORD")]
    [InlineData("DB_USER_PASSWORD")]
    [InlineData("HSM_TOKEN_LABEL")]
    [InlineData("OCELOT_NUTGET_API_KEY")]
    [InlineData("ASPNETCORE_Kestrel__Certificates__Default__Password")]
    [InlineData("VSS_NUGET_EXTERNAL_FEED_ENDPOINTS")]
    [InlineData("vss_nuget_external_feed_endpoints")]
    [InlineData("ConnectionStrings__Default")]
    public void SecretName(string name)
    {
        Findings(From + $"ARG [|{name}|]\n", Id);
        Findings(From + $"ENV [|{name}=x|]\n", Id);
    }

    [Theory]
    [InlineData("SSHKEY")]
    [InlineData("SECRETFILE")]
    [InlineData("DEPLOY_KEY")]
    [InlineData("tokenFile")]
    [InlineData("SSH_KEY_PATH")]
    [InlineData("SSH_PUBLIC_KEY")]
    [InlineData("MINIO_ROOT_PASSWORD_FILE")]
    [InlineData("GITNESS_TOKEN_COOKIE_NAME")]
    [InlineData("DB_USER")]
    [InlineData("DB_USERNAME")]
    [InlineData("USERNAME")]
    [InlineData("DB_USER_PASSWORD_FILE")]
    [InlineData("PASSWORD_FILES")]
    [InlineData("SECRET_DIR")]
    [InlineData("TOKEN_URL")]
    [InlineData("AUTH_URI")]
    [InlineData("API_VERSION")]
    [InlineData("AUTH_TYPE")]
    [InlineData("TOKEN_IDS")]
    [InlineData("SECRETS_MODE")]
    [InlineData("CERT_FILENAME")]
    [InlineData("KEY_DIRECTORY")]
    [InlineData("GPG_KEY")]
    [InlineData("GPG_KEYS")]
    [InlineData("gpg_key")]
    [InlineData("KEY_ID")]
    [InlineData("GOPRIVATE")]
    [InlineData("GONOSUMDB")]
    [InlineData("ASPNETCORE_Kestrel__Certificates__Default__Path")]
    [InlineData("NPM_REGISTRY")]
    [InlineData("PASSPORT")]
    [InlineData("BYPASS")]
    [InlineData("KEY")]
    public void NotASecretName(string name)
    {
        None(From + $"ARG {name}\n", Id);
        None(From + $"ENV {name}=x\n", Id);
    }

    [Fact]
    public void ValueDoesNotMatterForName() =>
        Findings(From + "ENV [|ASPNETCORE_Kestrel__Certificates__Default__Password=\"\"|]\n", Id);

    [Theory]
    [InlineData(Ghp)]
    [InlineData("gho_abcdefghijklmnopqrst")]
    [InlineData("ghs_ABCDEFGHIJKLMNOPQRST12")]
    [InlineData("github_pat_11ABCDEFG_abcdefghijklmn")]
    [InlineData("glpat-abcdefghij_klmnopqrst")]
    [InlineData(Akia)]
    [InlineData("xoxb-1234567890-abcdef")]
    [InlineData("npm_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("DefaultEndpointsProtocol=https;AccountKey=abcdefghijklmnopqrstuvwx==;EndpointSuffix=core.windows.net")]
    [InlineData("https://user:" + Ghp + "@github.com/org/repo")]
    public void CredentialValue(string value)
    {
        Findings(From + $"ENV [|HELLO={value}|]\n", Id);
        Findings(From + $"ARG [|HELLO={value}|]\n", Id);
    }

    [Fact]
    public void PrivateKeyValue() =>
        Findings(From + $"ENV [|CERT=\"-----BEGIN RSA PRIVATE KEY-----\\n{RsaBody}\"|]\n", Id);

    [Theory]
    [InlineData("ghp_xxx")]
    [InlineData("ghp_1234567890")]
    [InlineData("AKIA1234")]
    [InlineData("xoxb-1")]
    [InlineData("npm_short")]
    [InlineData("glpat-abc")]
    [InlineData("\"-----BEGIN CERTIFICATE-----\"")]
    [InlineData("\"-----BEGIN PUBLIC KEY-----\"")]
    [InlineData("https://registry.npmjs.org/")]
    public void PlaceholderOrHarmlessValue(string value) => None(From + $"ENV HELLO={value}\n", Id);

    [Fact]
    public void ArgBeforeFirstFrom() =>
        Findings("ARG [|NPM_TOKEN|]\n" + From, Id);

    [Fact]
    public void ArgWithRegistryIsNotSecret() =>
        Findings(From + "ARG NPM_REGISTRY=https://registry.npmjs.org/\nARG [|NPM_TOKEN|]\n", Id);

    [Fact]
    public void OneFindingPerInstruction() =>
        Findings(From + "ARG [|A_TOKEN|] B_PASSWORD\n", Id);

    [Fact]
    public void EnvWithSeveralPairs() =>
        Findings(From + "ENV A=b [|C_SECRET=d|] E=f\n", Id);

    [Theory]
    [InlineData("ENV [|NPM=$NPM_TOKEN|]")]
    [InlineData("ENV [|NPM=${NPM_TOKEN}|]")]
    [InlineData("ENV [|NPM=\"prefix-${NPM_TOKEN}\"|]")]
    public void EnvCopiesSecretArg(string env) =>
        Findings(From + "ARG [|NPM_TOKEN|]\n" + env + "\n", Id);

    [Fact]
    public void EnvCopiesArgSecretByValue() =>
        Findings(From + $"ARG [|GH={Ghp}|]\nENV [|CLONE=$GH|]\n", Id);

    [Theory]
    [InlineData("ARG NPM_REGISTRY\nENV REG=$NPM_REGISTRY")]
    [InlineData("ARG [|NPM_TOKEN|]\nENV FILE=$NPM_TOKEN_FILE")]
    public void EnvReferencesNoSecretArg(string lines) => Findings(From + lines + "\n", Id);

    [Fact]
    public void GlobalArgOutOfScope() =>
        Findings("ARG [|NPM_TOKEN|]\n" + From + "ENV NPM=$NPM_TOKEN\n", Id);

    [Fact]
    public void GlobalArgRedeclaredInStage() =>
        Findings("ARG [|NPM_TOKEN|]\n" + From + "ARG [|NPM_TOKEN|]\nENV [|NPM=${NPM_TOKEN}|]\n", Id);

    [Fact]
    public void StageArgDoesNotLeakIntoNextStage() =>
        Findings(From + "ARG [|NPM_TOKEN|]\nFROM alpine\nENV NPM=$NPM_TOKEN\n", Id);

    [Theory]
    [InlineData("ONBUILD ARG [|NPM_TOKEN|]")]
    [InlineData("ONBUILD ENV [|DB_PASSWORD=x|]")]
    public void Onbuild(string line) => Findings(From + line + "\n", Id);

    [Fact]
    public void Crlf_Continuation() =>
        Findings(Crlf(From + "ENV A=1 \\\n    [|DB_PASSWORD=x|]\n"), Id);

    [Theory]
    [InlineData("ARG DB_PASSWORD\nRUN echo $DB_PASSWORD\n", "ARG 'DB_PASSWORD' has a secret's name", "Replace ARG DB_PASSWORD with a secret mount", "DB_PASSWORD")]
    [InlineData("ENV GH=" + Ghp + "\n", "ENV 'GH' holds a credential (GitHub token)", null, "GH")]
    [InlineData("ARG KEY_ID\nARG COPY_ME=" + Akia + "\nENV X=$COPY_ME\n", "ENV 'X' copies the secret build argument 'COPY_ME' into the image", null, "X")]
    public void Texts_name_the_reason_the_mount_and_the_build_flag(string lines, string start, string? fixTitle, string name)
    {
        var finding = DockerfileAnalysis.Analyze(From + lines).Findings.Last(f => f.Id == Id);

        Assert.Equal(
            start + $"; build arguments and environment variables are stored in the image, pass it with a secret mount ('--mount=type=secret,id={name},env={name}') instead and build with '--secret id={name},env={name}'",
            finding.Message);
        Assert.Equal(fixTitle, finding.FixTitle);
        Assert.Equal($"--secret id={name},env={name}", finding.BuildFlag);
        Assert.Same(finding.Message, finding.Message);
    }

    [Fact]
    public void MessagesNeverContainTheValue()
    {
        var text = From
            + $"ENV GH={Ghp}\n"
            + $"ARG AWS_KEY_VALUE={Akia}\n"
            + $"ENV CERT=\"-----BEGIN RSA PRIVATE KEY-----{RsaBody}\"\n"
            + $"ENV DB_PASSWORD={Ghp}\n"
            + $"ARG COPY_ME={Akia}\nENV X=$COPY_ME\n"
            + $"RUN echo {Ghp} && go build .\n";
        var findings = DockerfileAnalysis.Analyze(text).Findings;
        Assert.Equal(6, findings.Count(f => f.Id == Id));
        foreach (var finding in findings)
        {
            foreach (var secret in new[] { Ghp, Akia, RsaBody, Ghp.Substring(4), Akia.Substring(4) })
            {
                Assert.DoesNotContain(secret, finding.Message);
                Assert.DoesNotContain(secret, finding.FixTitle ?? string.Empty);
            }
        }
    }

    [Fact]
    public void Fix_ArgBecomesSecretMount() =>
        FixGives("# syntax=docker/dockerfile:1\nFROM node\nARG NPM_TOKEN\nRUN npm ci --token=$NPM_TOKEN\n", Id,
            "# syntax=docker/dockerfile:1\nFROM node\nRUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm ci --token=$NPM_TOKEN\n");

    [Fact]
    public void Fix_UpgradesPinnedOldSyntax() =>
        FixGives("# syntax=docker/dockerfile:1.4\nFROM node\nARG NPM_TOKEN\nRUN npm ci\n", Id,
            "# syntax=docker/dockerfile:1\nFROM node\nRUN npm ci\n");

    [Fact]
    public void Fix_DeletesAnArgNoRunReads()
    {
        FixGives("# syntax=docker/dockerfile:1\nFROM node\nARG NPM_TOKEN\nRUN npm ci\n", Id,
            "# syntax=docker/dockerfile:1\nFROM node\nRUN npm ci\n");
        var finding = Assert.Single(Analyze("# syntax=docker/dockerfile:1\nFROM node AS build\nARG NPM_TOKEN\nRUN npm ci\nFROM build\nRUN echo $NPM_TOKEN\n", Id));
        Assert.True(finding.IsFixable);
        var edit = Assert.Single(finding.Fix);
        Assert.Equal(string.Empty, edit.NewText);
        Assert.Same(edit, Assert.Single(finding.Fix));
        Assert.Equal("Replace ARG NPM_TOKEN with a secret mount", finding.FixTitle);
    }

    [Fact]
    public void EnvHasNoFix() =>
        Assert.False(Assert.Single(Analyze(From + "ENV DB_PASSWORD=x\n", Id)).IsFixable);

    [Fact]
    public void The_model_marks_every_arg_and_env_whose_pairs_the_rule_must_read()
    {
        // The rule reads only the ARGs and ENVs the model marks: those with a pair of a secret's name, of a value
        // that holds a credential, or (ENV) of a value that refers to a variable. Each mark is checked against the
        // pairs read as strings, on lines put together from names and values of every sort, in both forms and in a
        // line of several pieces, before and after FROM.
        var names = new[] { "A", "GOPATH", "DB_PASSWORD", "apiKey", "PUBLIC_KEY_PATH", "TOKEN", "x_pat", "PASS_FILE", "CGO_ENABLED" };
        var values = new[] { "1", "\"quoted value\"", "$GOPATH/bin", "${A:-x}", Ghp, "AKIAABCDEFGHIJKLMNOP", "plain-text", "'single $A'", "" };
        var random = new System.Random(17);
        for (var sample = 0; sample < 300; sample++)
        {
            var text = new System.Text.StringBuilder();
            for (var line = 0; line < 6; line++)
            {
                if (line == 2)
                {
                    text.Append("FROM alpine AS build\n");
                }

                var keyword = random.Next(2) == 0 ? "ARG" : "ENV";
                text.Append(keyword);
                var pairs = 1 + random.Next(3);
                for (var pair = 0; pair < pairs; pair++)
                {
                    var value = values[random.Next(values.Length)];
                    text.Append(random.Next(4) == 0 ? " \\\n  " : " ").Append(names[random.Next(names.Length)]);
                    if (keyword == "ENV" || value.Length > 0)
                    {
                        text.Append('=').Append(value.Length == 0 ? "\"\"" : value);
                    }
                }

                text.Append('\n');
            }

            var model = DockerGoBuild.Dockerfiles.Semantics.BuildModel.Create(DockerGoBuild.Dockerfiles.Syntax.DockerfileParser.Parse(text.ToString()), default);
            try
            {
                foreach (var index in model.ArgAndEnvIndexes)
                {
                    var fact = model.Instructions[index];
                    var isEnv = fact.EffectiveKind == DockerGoBuild.Dockerfiles.Syntax.InstructionKind.Env;
                    var expected = fact.Effective.KeyValues.Any(pair =>
                        DockerGoBuild.Dockerfiles.Secrets.SecretNames.IsSecretName(pair.Key.Value)
                        || (pair.Value != null && (DockerGoBuild.Dockerfiles.Secrets.SecretValues.TryFindCredential(pair.Value.Value, out _) || (isEnv && pair.Value.Value.Contains('$')))));
                    Assert.True(expected == fact.MayHoldSecrets, text.ToString());
                }
            }
            finally
            {
                model.Release();
            }
        }
    }
}
