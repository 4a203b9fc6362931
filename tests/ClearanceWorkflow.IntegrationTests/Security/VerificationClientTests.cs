using System.Net;
using ClearanceWorkflow.Api.Endpoints;

namespace ClearanceWorkflow.IntegrationTests.Security;

/// <summary>The anonymous certificate check's rate limit counts an IPv6 client by its /64, so its own addresses share a window.</summary>
public sealed class VerificationClientTests
{
    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [TestCase("::1", "::/64")]
    public void ClientOf_CountsIPv4ByAddressAndIPv6ByItsSlash64(string address, string client) =>
        Assert.That(ClearanceEndpoints.ClientOf(IPAddress.Parse(address)), Is.EqualTo(client));

    [Test]
    public void ClientOf_NoAddress_OneSharedWindow() => Assert.That(ClearanceEndpoints.ClientOf(null), Is.EqualTo("unknown"));
}
