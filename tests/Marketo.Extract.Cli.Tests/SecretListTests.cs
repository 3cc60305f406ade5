namespace Marketo.Extract.Cli.Tests;

public class SecretListTests
{
    [Test]
    public void Redact_SecretInAnyCase_Removed()
    {
        var secrets = new SecretList();
        secrets.Add("S3cr3tPasted");

        var redacted = secrets.Redact("Resource temporarily unavailable (s3cr3tpasted:443), then S3CR3TPASTED again.");

        Assert.That(redacted, Is.EqualTo("Resource temporarily unavailable (***:443), then *** again."));
    }
}
