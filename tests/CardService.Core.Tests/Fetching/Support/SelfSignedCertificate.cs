using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CardService.Core.Tests.Fetching.Support;

/// <summary>A throwaway certificate no system trusts, for proving TLS failures are reported as such.</summary>
public static class SelfSignedCertificate
{
    public static X509Certificate2 Create(string ipAddress)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=cardservice-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Parse(ipAddress));
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
