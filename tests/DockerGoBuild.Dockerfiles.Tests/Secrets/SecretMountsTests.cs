using DockerGoBuild.Dockerfiles.Secrets;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Secrets;

public class SecretMountsTests
{
    [Theory]
    [InlineData("~/.ssh/id_rsa", null)]
    [InlineData("/root/.ssh/id_ed25519", null)]
    [InlineData("/home/x/.ssh/id_rsa", null)]
    [InlineData(".ssh/id_ecdsa", "github")]
    [InlineData("/root/.ssh/id_", null)]
    [InlineData(null, "id_rsa")]
    [InlineData(null, "id_dsa")]
    [InlineData(null, "id_ecdsa")]
    [InlineData(null, "id_ed25519")]
    [InlineData(null, "id_ed25519_github")]
    [InlineData(null, "ID_RSA")]
    [InlineData("/run/secrets/key", "ssh_key")]
    [InlineData(null, "github_ssh_private_key")]
    [InlineData(null, "SSH_PRIVATE")]
    [InlineData(null, "sshKey")]
    public void Ssh_key_secret_mounts_are_flagged(string? target, string? id)
    {
        Assert.True(SecretMounts.IsSshKeySecretMount(target, id));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(null, "github")]
    [InlineData(null, "SIGNER_API_KEY")]
    [InlineData(null, "known_hosts")]
    [InlineData("/root/.ssh/known_hosts", "known_hosts")]
    [InlineData("/root/.ssh/id_rsa.pub", null)]
    [InlineData(null, "id_rsa.pub")]
    [InlineData("/root/.ssh/config", null)]
    [InlineData("/root/.ssh/id_rsa/", null)]
    [InlineData("/root/id_rsa", null)]
    [InlineData("/root/my.ssh/id_rsa", null)]
    [InlineData("/root/.SSH/id_rsa", null)]
    [InlineData("id_rsa", null)]
    [InlineData("/run/secrets/npmrc", "npmrc")]
    [InlineData(null, "ssh_known_hosts")]
    public void Other_secret_mounts_are_not_flagged(string? target, string? id)
    {
        Assert.False(SecretMounts.IsSshKeySecretMount(target, id));
    }

    [Theory]
    [MemberData(nameof(OddInputs.Strings), MemberType = typeof(OddInputs))]
    public void Odd_mounts_do_not_throw(string text)
    {
        SecretMounts.IsSshKeySecretMount(text, text);
    }

    [Theory]
    [MemberData(nameof(OddInputs.Adversarial), MemberType = typeof(OddInputs))]
    public void Long_mounts_take_linear_time(string pattern)
    {
        OddInputs.CompletesQuickly(pattern, text => SecretMounts.IsSshKeySecretMount(text, text));
    }
}
