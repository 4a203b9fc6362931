using System.Xml.Linq;
using ClearanceWorkflow.Application.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's Data Protection key ring, which protects the workspace's session cookie and antiforgery tokens:
/// kept in the service's database (<c>data_protection_keys</c>), so every node and every restart reads the same keys,
/// and each key encrypted with the service's data key, as personal data is, so the database alone cannot forge a session.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "ClearanceWorkflow";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<ClearanceDbContext>();
        services.AddOptions<KeyManagementOptions>().Configure<Application.Common.IDataProtector>(
            (options, protector) => options.XmlEncryptor = new Encryptor(protector));
        return services;
    }

    private sealed class Encryptor(Application.Common.IDataProtector protector) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
            new(new XElement("encryptedKey", protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(Decryptor));
    }

    /// <summary>Made by Data Protection's activator, with the service provider.</summary>
    internal sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) =>
            XElement.Parse(services.GetRequiredService<Application.Common.IDataProtector>().Unprotect(encryptedElement.Value));
    }
}
