using System.Reflection;
using AiPlusTasks.Designer.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace AiPlusTasks.Designer.Tests.Pages;

public sealed class InstanceViewerTests
{
    [Fact]
    public void InstanceViewer_Declared_IsRoutedUnderDesignerForSignedInUsersTheRuntimeDecidesOn()
    {
        var type = typeof(InstanceViewer);

        var route = Assert.Single(type.GetCustomAttributes<RouteAttribute>());
        var authorize = Assert.Single(type.GetCustomAttributes<AuthorizeAttribute>());

        Assert.Equal("/designer/instances/{InstanceId}", route.Template);
        // Who may read an instance is the runtime's rule (NDRC staff and auditors), as for the API: no page policy.
        Assert.Null(authorize.Policy);
        Assert.Null(authorize.Roles);
    }
}
