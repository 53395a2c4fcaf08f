using Xunit;
using static DockerGoBuild.Dockerfiles.Tests.Rules.RuleAssert;

namespace DockerGoBuild.Dockerfiles.Tests.Rules;

public class SshKeyMountedAsSecretTests
{
    private const string Id = "DGB032";
    private const string From = "FROM alpine\n";

    [Theory]
    [InlineData("type=secret,target=/root/.ssh/id_rsa")]
    [InlineData("type=secret,id=deploy,target=~/.ssh/id_ed25519")]
    [InlineData("type=secret,id=k,target=/home/x/.ssh/id_ecdsa")]
    [InlineData("type=secret,id=k,dst=/root/.ssh/id_rsa")]
    [InlineData("type=secret,id=k,destination=/root/.ssh/id_rsa_github")]
    [InlineData("target=/root/.ssh/id_rsa,type=secret")]
    [InlineData("type=secret,id=id_rsa")]
    [InlineData("type=secret,id=id_ed25519_github")]
    [InlineData("type=secret,id=ssh_key")]
    [InlineData("type=secret,id=github_ssh_private_key")]
    public void SshKeySecret(string options) => Findings(From + $"RUN [|--mount={options}|] git clone git@github.com:o/r\n", Id);

    [Theory]
    [InlineData("type=secret,target=/root/.ssh/id_rsa.pub")]
    [InlineData("type=secret,id=id_rsa.pub")]
    [InlineData("type=secret,id=github")]
    [InlineData("type=secret,id=SIGNER_API_KEY")]
    [InlineData("type=secret,id=known_hosts")]
    [InlineData("type=secret,id=kh,target=/root/.ssh/known_hosts")]
    [InlineData("type=ssh")]
    [InlineData("type=cache,target=/root/.ssh/id_rsa")]
    [InlineData("target=/root/.ssh/id_rsa")] // bind
    public void NotAnSshKeySecret(string options) => None(From + $"RUN --mount={options} git clone x\n", Id);

    [Fact]
    public void KeyReadFromAnEnvironmentVariable_ReportedWithoutAFix()
    {
        // The command writes the key from $SSH_KEY; an SSH mount would hand it an empty variable.
        var finding = Assert.Single(Findings(From + "RUN [|--mount=type=secret,id=SSH_KEY,env=SSH_KEY|] echo \"$SSH_KEY\" > /root/.ssh/id_rsa\n", Id));

        Assert.False(finding.IsFixable);
    }

    [Fact]
    public void MountSplitAcrossContinuation() =>
        Findings(From + "RUN [|--mount=type=secret,\\\ntarget=/root/.ssh/id_rsa|] git clone x\n", Id);

    [Fact]
    public void Crlf_SecondMount() =>
        Findings(Crlf(From + "RUN --mount=type=cache,target=/var/cache/apk \\\n    [|--mount=type=secret,id=ssh_key|] \\\n    git clone x\n"), Id);

    [Fact]
    public void Onbuild() =>
        Findings(From + "ONBUILD RUN [|--mount=type=secret,id=id_rsa|] git clone x\n", Id);

    [Fact]
    public void Fix_UsesSshMount() =>
        FixGives(From + "RUN --mount=type=secret,id=ssh_key,target=/root/.ssh/id_rsa git clone x\n", Id,
            From + "RUN --mount=type=ssh git clone x\n");
}
