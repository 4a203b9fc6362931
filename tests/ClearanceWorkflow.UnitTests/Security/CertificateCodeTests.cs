using ClearanceWorkflow.Application.Features.Clearances;

namespace ClearanceWorkflow.UnitTests.Security;

public class CertificateCodeTests
{
    [Test]
    public void New_ThousandCodes_AllBase32Of160BitsAndDistinct()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => CertificateCode.New()).ToList();

        Assert.That(codes, Is.All.Match("^[A-Z2-7]{32}$"));
        Assert.That(codes, Is.Unique);
        // Every symbol position varies: no bits are fixed (a 160-bit code is 32 symbols of 5 bits).
        Assert.That(Enumerable.Range(0, 32).Select(i => codes.Select(c => c[i]).Distinct().Count()), Is.All.GreaterThan(20));
    }

    [Test]
    public void Hash_SameCodeInEitherCase_SameHexSha256()
    {
        var code = CertificateCode.New();

        Assert.That(CertificateCode.Hash(code.ToLowerInvariant()), Is.EqualTo(CertificateCode.Hash(code)));
        Assert.That(CertificateCode.Hash(code), Does.Match("^[0-9a-f]{64}$"));
        Assert.That(CertificateCode.Hash(CertificateCode.New()), Is.Not.EqualTo(CertificateCode.Hash(code)));
    }

    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", true)]
    [TestCase("abcdefghijklmnopqrstuvwxyz234567", true)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ23456", false)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ2345678", false)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ234561", false)]
    [TestCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ23456=", false)]
    public void IsWellFormed_Text_TrueOnlyFor32Base32Characters(string? text, bool expected)
    {
        Assert.That(CertificateCode.IsWellFormed(text), Is.EqualTo(expected));
    }
}
