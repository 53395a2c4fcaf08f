using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class SecretFileCopiedTests
{
    private const string Id = "DGB030";
    private const string From = "FROM alpine\n";

    [Theory]
    [InlineData("COPY .npmrc /root/.npmrc\nRUN npm ci\n", "COPY puts the credential file '.npmrc' (a credentials file) into an image layer, where it stays even if a later step deletes it; mount it only where it is used with '--mount=type=secret,id=npmrc,target=<path>' and build with '--secret id=npmrc,src=.npmrc'", "Mount '.npmrc' as a secret instead of copying it", "--secret id=npmrc,src=.npmrc")]
    [InlineData("add keys/id_rsa /root/.ssh/id_rsa\nRUN git clone x\n", "ADD puts the credential file 'id_rsa' (an SSH private key) into an image layer, where it stays even if a later step deletes it; mount it only where it is used with '--mount=type=ssh' and build with '--ssh default'", "Use an SSH mount instead of copying 'id_rsa'", "--ssh default")]
    public void Texts_name_the_file_the_mount_and_the_build_flag(string lines, string message, string fixTitle, string buildFlag)
    {
        var finding = DockerfileAnalysis.Analyze(From + lines).Findings.Single(f => f.Id == Id);

        Assert.Equal(message, finding.Message);
        Assert.Equal(finding.IsFixable ? fixTitle : null, finding.FixTitle);
        Assert.Equal(buildFlag, finding.BuildFlag);
    }

    [Theory]
    [InlineData("id_rsa")]
    [InlineData("id_dsa")]
    [InlineData("id_ecdsa")]
    [InlineData("id_ed25519")]
    [InlineData("keys/id_rsa_github")]
    [InlineData("ID_RSA")]
    [InlineData(".ssh")]
    [InlineData(".ssh/")]
    [InlineData(".ssh/*")]
    [InlineData(".ssh/id_ed25519")]
    [InlineData(".env")]
    [InlineData(".env.production")]
    [InlineData(".env.local")]
    [InlineData(".npmrc")]
    [InlineData(".NPMRC")]
    [InlineData(".yarnrc.yml")]
    [InlineData(".netrc")]
    [InlineData("_netrc")]
    [InlineData(".pypirc")]
    [InlineData("pip.conf")]
    [InlineData(".git-credentials")]
    [InlineData(".dockercfg")]
    [InlineData("credentials.json")]
    [InlineData("kubeconfig")]
    [InlineData("home/.docker/config.json")]
    [InlineData(".aws/credentials")]
    [InlineData(".kube/config")]
    [InlineData("gcp-service-account-prod.json")]
    [InlineData("cert.pfx")]
    [InlineData("cert.p12")]
    [InlineData("tls/server.key")]
    [InlineData("private.pem")]
    [InlineData("tls-key.pem")]
    public void CredentialFile(string source) => Findings(From + $"COPY [|{source}|] /dst/\n", Id);

    [Theory]
    [InlineData("id_rsa.pub")]
    [InlineData(".ssh/known_hosts")]
    [InlineData(".ssh/config")]
    [InlineData("server.crt")]
    [InlineData("ca.cer")]
    [InlineData("ca.pem")]
    [InlineData("cert.pem")]
    [InlineData("NuGet.config")]
    [InlineData(".htpasswd")]
    [InlineData("ssh_host_rsa_key")]
    [InlineData("ssh_host_*_key*")]
    [InlineData(".healthcheck.env")]
    [InlineData(".env.example")]
    [InlineData(".env.sample")]
    [InlineData(".env.template")]
    [InlineData(".env.dist")]
    [InlineData("package.json")]
    [InlineData("config.json")]
    public void NotACredentialFile(string source) => None(From + $"COPY {source} /dst/\n", Id);

    [Theory]
    [InlineData("COPY package.json yarn.lock [|.yarnrc.yml|] ./")]
    [InlineData("COPY [|id_rsa|] .env /x/")] // one finding per instruction
    [InlineData("COPY --from=build [|/src/.env|] /app/")]
    [InlineData("COPY --chown=app:app [|.npmrc|] /home/app/")]
    [InlineData("COPY [[|\"id_rsa\"|], \"/root/.ssh/\"]")]
    [InlineData("ADD [|.npmrc|] /root/")]
    [InlineData("ONBUILD COPY [|.env|] /app/")]
    [InlineData("COPY [|${DIR}/.env|] /app/")] // unknown parts dropped
    [InlineData("COPY [|.n${PART}pmrc|] /app/")] // an unknown part in the name is dropped before it is judged
    [InlineData("COPY [|${DIR}id_rsa|] /app/")]
    [InlineData("COPY [|${DIR:-keys/.ss}h|] /app/")] // the '/' lies in the ${...}: the name is .ssh
    [InlineData("COPY [|\"keys/.ss\"h|] /app/")] // and here in quotes
    [InlineData("COPY [|keys/.ss\\h|] /app/")] // an escaped letter
    public void InstructionForms(string line) => Findings(From + line + "\n", Id);

    [Fact]
    public void VariableExpanded() =>
        Findings(From + "ARG KEYFILE=id_rsa\nCOPY [|$KEYFILE|] /root/.ssh/\n", Id);

    [Theory]
    [InlineData("COPY app /root/.ssh/id_rsa")] // the destination is not a source
    [InlineData("ADD https://example.com/.npmrc /root/")]
    [InlineData("ADD git@github.com:org/repo.git /src")]
    [InlineData("ADD https://github.com/org/secrets.git#main:.env /src")]
    [InlineData("COPY <<EOF /root/.npmrc\n//registry.npmjs.org/:_authToken=x\nEOF")]
    [InlineData("RUN cp .env /app/")]
    [InlineData("COPY keys\\id_rsa /app/")] // the escape joins the two: keysid_rsa
    [InlineData("COPY ${DIR:-x/id_rsa}.pub /app/")] // a public key once expanded
    public void NotACopiedLocalCredential(string line) => None(From + line + "\n", Id);

    [Fact]
    public void Crlf_Bom() =>
        Findings(Bom(Crlf(From + "COPY \\\n    [|.npmrc|] /root/\n")), Id);

    [Fact]
    public void Fix_MountsSecretIntoTheRunThatUsesIt() =>
        FixGives("FROM node\nCOPY .npmrc /root/.npmrc\nRUN npm ci\n", Id,
            "FROM node\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n");

    [Fact]
    public void Fix_DropsOnlyTheSecretSource() =>
        Assert.StartsWith("FROM node\nCOPY package.json ./\n",
            Apply("FROM node\nCOPY package.json .npmrc ./\nRUN npm ci\n", Assert.Single(Analyze("FROM node\nCOPY package.json .npmrc ./\nRUN npm ci\n", Id))));
}
