namespace Marketo.Extract.Testing.Internal.Data;

/// <summary>
/// The activity types of the emulated instance. Standard ids and names follow Marketo's standard types;
/// the attributes are a plausible subset of what a real <c>types.json</c> lists. Custom types start at 100001.
/// </summary>
internal static class ActivityCatalog
{
    public const int DeleteLeadTypeId = 37;

    private static readonly EmulatedAttributeDefinition[] WebVisitAttributes =
    [
        new("Client IP Address", "string"), new("Query Parameters", "string"), new("Referrer URL", "string"),
        new("User Agent", "string"), new("Webpage URL", "string"), new("Search Engine", "string"),
    ];

    private static readonly EmulatedAttributeDefinition[] EmailAttributes =
    [
        new("Campaign Run ID", "integer"), new("Step ID", "integer"), new("Choice Number", "integer"),
    ];

    private static readonly EmulatedAttributeDefinition[] BounceAttributes =
    [
        new("Category", "string"), new("Details", "text"), new("Email", "email"), new("Subcategory", "string"),
        .. EmailAttributes,
    ];

    private static readonly EmulatedAttributeDefinition[] EngagementAttributes =
    [
        new("Device", "string"), new("Is Mobile Device", "boolean"), new("Platform", "string"),
        new("User Agent", "string"), .. EmailAttributes, new("Is Bot Activity", "boolean"),
    ];

    public static IReadOnlyList<EmulatedActivityType> Types { get; } =
    [
        Standard(1, "Visit Webpage", "User visits a web page", new("Webpage ID", "integer"), WebVisitAttributes),
        Standard(2, "Fill Out Form", "User fills out and submits a form on a web page", new("Webform ID", "integer"),
        [
            new("Client IP Address", "string"), new("Form Fields", "text"), new("Query Parameters", "string"),
            new("Referrer URL", "string"), new("User Agent", "string"), new("Webpage ID", "integer"),
        ]),
        Standard(3, "Click Link", "User clicks a link on a web page", new("Link ID", "integer"),
        [
            new("Client IP Address", "string"), new("Query Parameters", "string"), new("Referrer URL", "string"),
            new("User Agent", "string"), new("Webpage ID", "integer"),
        ]),
        Standard(6, "Send Email", "Send a Marketo email to a person", new("Mailing ID", "integer"), EmailAttributes),
        Standard(7, "Email Delivered", "Marketo email is delivered to a person", new("Mailing ID", "integer"), EmailAttributes),
        Standard(8, "Email Bounced", "Marketo email bounces for a person", new("Mailing ID", "integer"), BounceAttributes),
        Standard(9, "Unsubscribe Email", "Person unsubscribes from Marketo emails", new("Mailing ID", "integer"),
        [
            new("Client IP Address", "string"), new("Form Fields", "text"), new("Query Parameters", "string"),
            new("Referrer URL", "string"), new("User Agent", "string"), new("Campaign Run ID", "integer"),
        ]),
        Standard(10, "Open Email", "User opens a Marketo email", new("Mailing ID", "integer"), EngagementAttributes),
        Standard(11, "Click Email", "User clicks on a link in a Marketo email", new("Mailing ID", "integer"),
            [new("Link", "string"), .. EngagementAttributes]),
        Standard(12, "New Lead", "New person", null,
        [
            new("Source Type", "string"), new("Form Name", "string"), new("Lead Source", "string"),
            new("List Name", "string"), new("Created Date", "date"),
        ]),
        Standard(13, "Change Data Value", "Changed attribute value for a person", new("Attribute Name", "integer"),
            [new("New Value", "string"), new("Old Value", "string"), new("Reason", "string"), new("Source", "string")]),
        Standard(19, "Sync Lead to SFDC", "Sync person to SFDC", new("Assign To", "integer"),
            [new("Sync As", "string"), new("Create Task", "boolean")]),
        Standard(21, "Convert Lead", "Convert a person", new("Assign To", "integer"),
            [new("Converted Status", "string"), new("Opportunity Name", "string")]),
        Standard(22, "Change Score", "Change the score of a person", new("Score Name", "integer"),
        [
            new("Change Value", "string"), new("New Value", "integer"), new("Old Value", "integer"),
            new("Reason", "string"),
        ]),
        Standard(23, "Change Owner", "Change the owner of a person", new("Owner ID", "integer"),
            [new("Old Owner ID", "integer")]),
        Standard(24, "Add to List", "Add a person to a list", new("List ID", "integer"), [new("Source", "string")]),
        Standard(25, "Remove from List", "Remove a person from a list", new("List ID", "integer"), [new("Source", "string")]),
        Standard(27, "Email Bounced Soft", "Marketo email soft bounces for a person", new("Mailing ID", "integer"),
            BounceAttributes),
        Standard(32, "Merge Leads", "Merge two people", new("Lead ID", "integer"),
        [
            new("Merge IDs", "string"), new("Merge Source", "string"), new("Merged in Sales", "boolean"),
            new("Master Updated", "boolean"),
        ]),
        Standard(34, "Add to Opportunity", "Add a person to an opportunity", new("Opportunity ID", "integer"),
            [new("Role", "string"), new("Is Primary", "boolean")]),
        Standard(DeleteLeadTypeId, "Delete Lead", "Delete a person", new("Lead ID", "integer"),
            [new("Remove from CRM", "boolean")]),
        Standard(38, "Send Alert", "Send an alert email about a person", new("Mailing ID", "integer"),
            [new("Send To Owner", "string"), new("Send To Smart List", "boolean")]),
        Standard(39, "Send Sales Email", "Send a sales email to a person", new("Template ID", "integer"),
            [new("Subject", "string"), new("Source", "string")]),
        Standard(46, "Interesting Moment", "Interesting moment for a person", new("Milestone ID", "integer"),
        [
            new("Type", "string"), new("Description", "text"), new("Source", "string"), new("Date", "datetime"),
        ]),
        Standard(47, "Request Campaign", "Request a campaign for a person", new("Campaign ID", "integer"),
            [new("Source", "string")]),
        Standard(100, "Change Lead Partition", "Change the lead partition of a person", new("New Partition ID", "integer"),
            [new("Old Partition ID", "integer"), new("Reason", "string")]),
        Standard(101, "Change Revenue Stage", "Change the revenue stage of a person", new("Model ID", "integer"),
        [
            new("New Stage ID", "integer"), new("Old Stage ID", "integer"), new("New Stage", "string"),
            new("Old Stage", "string"), new("Reason", "string"),
        ]),
        Standard(104, "Change Status in Progression", "Change a person's program status", new("Program ID", "integer"),
        [
            new("Program Member ID", "integer"), new("Acquired By", "boolean"), new("Old Status", "string"),
            new("New Status ID", "integer"), new("Success", "boolean"), new("New Status", "string"),
            new("Old Status ID", "integer"), new("Reason", "string"),
        ]),
        Standard(108, "Change Segment", "Change the segment of a person", new("Segmentation ID", "integer"),
            [new("New Segment ID", "integer"), new("New Segment", "string")]),
        Standard(110, "Call Webhook", "Call a webhook for a person", new("Webhook ID", "integer"),
            [new("Response", "text"), new("Error Type", "integer")]),
        Standard(113, "Add to Nurture", "Add a person to an engagement program", new("Program ID", "integer"),
            [new("Track ID", "integer"), new("Track Name", "string")]),
        Standard(114, "Change Nurture Track", "Change a person's engagement program track", new("Program ID", "integer"),
        [
            new("Previous Track ID", "integer"), new("New Track ID", "integer"), new("Previous Track", "string"),
            new("New Track", "string"),
        ]),
        Standard(115, "Change Nurture Cadence", "Change a person's engagement cadence", new("Program ID", "integer"),
            [new("New Nurture Cadence", "string")]),
        new EmulatedActivityType
        {
            Id = 100001,
            Name = "Watched Video",
            Description = "Custom activity: a person watched a product video",
            ApiName = "watchedVideo_c",
            PrimaryAttribute = new("Video Name", "string", "videoName"),
            Attributes =
            [
                new("Watch Seconds", "integer", "watchSeconds"), new("Completion Ratio", "float", "completionRatio"),
                new("Watched At", "datetime", "watchedAt"), new("Completed", "boolean", "completed"),
            ],
        },
        new EmulatedActivityType
        {
            Id = 100002,
            Name = "Purchased Product",
            Description = "Custom activity: a person bought a product",
            ApiName = "purchasedProduct_c",
            PrimaryAttribute = new("SKU", "string", "sku"),
            Attributes =
            [
                new("Price", "currency", "price"), new("Quantity", "integer", "quantity"),
                new("Purchase Date", "date", "purchaseDate"), new("Notes", "text", "notes"),
            ],
        },
        new EmulatedActivityType
        {
            Id = 100003,
            Name = "Visited Booth",
            Description = "Custom activity: a person visited a trade show booth",
            ApiName = "visitedBooth_c",
            PrimaryAttribute = new("Event Name", "string", "eventName"),
            Attributes = [new("Booth Number", "string", "boothNumber"), new("Scanned", "boolean", "scanned")],
        },
    ];

    public static IReadOnlyDictionary<int, EmulatedActivityType> ById { get; } = Types.ToDictionary(t => t.Id);

    private static EmulatedActivityType Standard(
        int id, string name, string description, EmulatedAttributeDefinition? primary, EmulatedAttributeDefinition[] attributes) =>
        new()
        {
            Id = id,
            Name = name,
            Description = description,
            PrimaryAttribute = primary,
            Attributes = attributes,
        };
}
