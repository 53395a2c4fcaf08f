using System.Threading.Tasks;
using Xunit;

namespace DockerGoBuild.Analyzers.Tests;

public class SshKeyMountedAsSecretAnalyzerTests
{
    private const string Head = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n";

    [Fact]
    public Task SecretMountedAsPrivateKey_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN {|DGB032:--mount=type=secret,target=/root/.ssh/id_rsa|} git clone git@github.com:o/r\n");

    [Fact]
    public Task SshMountAndNonKeySecret_AreClean() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN --mount=type=ssh --mount=type=secret,id=github git clone git@github.com:o/r\n");

    [Fact]
    public Task OptionsInAnotherOrder_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN {|DGB032:--mount=target=/root/.ssh/id_ed25519,type=secret|} git clone x\n");

    [Fact]
    public Task MountSplitAcrossContinuationLine_IsReportedWhole() =>
        Verify.Dockerfile("Dockerfile", Head + "RUN {|DGB032:--mount=type=secret,\\\ntarget=/root/.ssh/id_rsa|} git clone x\n");

    [Fact]
    public Task SecondMountWithCrlfAndBacktick_IsReported() =>
        Verify.Dockerfile("Dockerfile",
            "# syntax=docker/dockerfile:1\r\n# escape=`\r\nFROM alpine:3.20\r\n" +
            "RUN --mount=type=cache,target=/var/cache/apk `\r\n    {|DGB032:--mount=type=secret,id=ssh_key|} `\r\n    git clone x\r\n");

    [Fact]
    public Task OnbuildRun_WithHeredoc_IsReported() =>
        Verify.Dockerfile("Dockerfile", Head + "ONBUILD RUN {|DGB032:--mount=type=secret,id=id_rsa|} git clone x\n" +
            "RUN {|DGB032:--mount=type=secret,id=deploy,target=~/.ssh/id_ed25519|} <<EOF\ngit clone x\nEOF\n");
}
