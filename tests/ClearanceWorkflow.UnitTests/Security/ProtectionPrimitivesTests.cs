using System.Security.Cryptography;
using ClearanceWorkflow.Infrastructure.Security;

namespace ClearanceWorkflow.UnitTests.Security;

public sealed class ProtectionPrimitivesTests
{
    private static readonly byte[] K1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] K2 = RandomNumberGenerator.GetBytes(32);

    [Test]
    public void Protect_SameTextTwice_DifferentCiphertextsBothReadable()
    {
        var protector = new AesGcmDataProtector(new Dictionary<string, byte[]> { ["k1"] = K1 }, "k1");
        var a = protector.Protect("AB123456");
        var b = protector.Protect("AB123456");
        Assert.That(a, Is.Not.EqualTo(b), "a fresh nonce per value");
        Assert.That(a, Does.StartWith("enc1:k1:").And.Not.Contain("AB123456"));
        Assert.That(protector.Unprotect(a), Is.EqualTo("AB123456"));
        Assert.That(protector.Unprotect(b), Is.EqualTo("AB123456"));
    }

    [Test]
    public void Unprotect_TamperedCiphertext_Throws()
    {
        var protector = new AesGcmDataProtector(new Dictionary<string, byte[]> { ["k1"] = K1 }, "k1");
        var cipher = protector.Protect("secret");
        var bytes = Convert.FromBase64String(cipher["enc1:k1:".Length..]);
        bytes[^1] ^= 0x01;
        Assert.That(() => protector.Unprotect("enc1:k1:" + Convert.ToBase64String(bytes)), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Unprotect_KeyIdRelabelled_Throws()
    {
        var keys = new Dictionary<string, byte[]> { ["k1"] = K1, ["k2"] = K1 };
        var protector = new AesGcmDataProtector(keys, "k1");
        var relabelled = "enc1:k2:" + protector.Protect("secret")["enc1:k1:".Length..];
        Assert.That(() => protector.Unprotect(relabelled), Throws.InstanceOf<CryptographicException>(), "the key id is authenticated");
    }

    [Test]
    public void Rotation_NewActiveKey_ReadsOldAndWritesNew()
    {
        var old = new AesGcmDataProtector(new Dictionary<string, byte[]> { ["k1"] = K1 }, "k1").Protect("x");
        var rotated = new AesGcmDataProtector(new Dictionary<string, byte[]> { ["k1"] = K1, ["k2"] = K2 }, "k2");
        Assert.That(rotated.Unprotect(old), Is.EqualTo("x"));
        Assert.That(rotated.KeyIdOf(rotated.Protect("x")), Is.EqualTo("k2"));
        Assert.That(() => new AesGcmDataProtector(new Dictionary<string, byte[]> { ["k2"] = K2 }, "k2").Unprotect(old), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void BlindIndex_SameValue_SameIndexPerPurposeAndKey()
    {
        var index = new HmacBlindIndex(K1);
        var again = new HmacBlindIndex(K1);
        Assert.That(index.Compute("national-id", "AB123456"), Is.EqualTo(again.Compute("national-id", "AB123456")));
        Assert.That(index.Compute("national-id", "AB123456"), Is.Not.EqualTo(index.Compute("other", "AB123456")));
        Assert.That(index.Compute("national-id", "AB123456"), Is.Not.EqualTo(new HmacBlindIndex(K2).Compute("national-id", "AB123456")));
        Assert.That(index.Compute("national-id", "AB123456"), Does.Match("^[0-9a-f]{64}$"));
    }
}
