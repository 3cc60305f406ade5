namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>The text the generator draws values from: plain values, and the awkward ones real exports contain.</summary>
internal static class ValuePools
{
    public static readonly string[] FirstNames =
        ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Farah", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Liam"];

    public static readonly string[] LastNames =
        ["Anders", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen", "Kowalski"];

    public static readonly string[] Companies =
        ["Northwind Traders", "Contoso", "Fabrikam", "Tailspin Toys", "Wide World Importers", "Adventure Works"];

    public static readonly string[] Cities = ["Chicago", "Lisbon", "Osaka", "Nairobi", "Berlin", "Austin", "Lyon"];

    public static readonly string[] Countries = ["USA", "Portugal", "Japan", "Kenya", "Germany", "France", "Greece"];

    public static readonly string[] Titles = ["CTO", "Data Engineer", "Marketing Manager", "VP Sales", "Analyst"];

    public static readonly string[] Colors = ["red", "green", "blue", "teal", "orange", "purple"];

    public static readonly string[] Statuses = ["New", "Working", "Nurture", "Qualified", "Disqualified"];

    public static readonly string[] Sources = ["Website", "Webinar", "Trade Show", "Paid Search", "Referral"];

    public static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    ];

    // The awkward values: non-Latin text, emoji and characters that CSV writers and readers must handle.
    public static readonly string[] NastyFirstNames = ["太郎", "Ελένη", "Zoë", "José", "Małgorzata", "Søren"];

    public static readonly string[] NastyLastNames = ["山田", "Παπαδόπουλος", "O'Brien", "Müller", "Nguyễn"];

    public static readonly string[] NastyCompanies =
        ["Acme, Inc.", "\"Quoted\" Holdings", "株式会社テスト", "Ελληνική Εταιρεία Α.Ε.", "Rocket 🚀 Labs"];

    public static readonly string[] NastyText =
    [
        "comma, inside",
        "He said \"hi\", then left",
        "line one\nline two",
        "windows line\r\nbreak",
        "carriage\rreturn only",
        "line\u2028separator",
        "paragraph\u2029separator",
        "nul\0byte",
        "日本語のテキスト",
        "Ελληνικά κείμενα",
        "emoji 🎉🚀 text",
        "",
        "  padded  ",
        "trailing quote\"",
        "semi;colon\ttab",
    ];
}
