<?php

namespace RouterBridge\Tests;

use RouterBridge\Tests\Harness\ClientArea;
use RouterBridge\Tests\Harness\ClientAreaPage;
use RouterBridge\Tests\Harness\Fixtures;
use RouterBridge\Tests\Harness\ModuleRunner;
use RouterBridge\Tests\Harness\RestApi;
use RouterBridge\Tests\Harness\ServiceProcess;
use RouterBridge\Tests\Harness\Whmcs;

/**
 * The addon's client page (index.php?m=routerbridgeaddon) as WHMCS serves it to a logged-in client: IPs assigned
 * by the real PreModuleCreate flow, listed and unassigned through the real service, rendered with Smarty.
 */
final class ClientAreaIpListTest extends WhmcsTestCase
{
    private static ?RestApi $api = null;
    private static int $subnetCounter = 0;

    private int $clientA;
    private int $clientB;
    private int $serviceA1;
    private int $serviceA2;
    private int $serviceB;

    protected function setUp(): void
    {
        parent::setUp();
        $database = $this->useDatabase();
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, $service->secret);
        Whmcs::loadHooksFile(ROOTDIR . '/modules/addons/routerbridgeaddon/hooks.php');
        self::$api ??= RestApi::connect($service->url, $database);
        self::$api->raw('PUT', '/client-area/settings', ['clientUnassign' => true]);
        $GLOBALS['harnessprobe_calls'] = [];
        $GLOBALS['harnessprobe_answer'] = 'success';
        ClientArea::newSession();

        $n = ++self::$subnetCounter + 60;
        $productId = Fixtures::product('harnessprobe', ['a', 'b'], ['name' => 'Cloud VPS']);
        $serverId = Fixtures::server('harnessprobe');
        $subnet = self::$api->subnet("198.51.{$n}.0/24");
        $pool = self::$api->addressPool("client-area-{$productId}", (int) $subnet['id']);
        $configuration = self::$api->configuration("client area {$productId}");
        self::$api->relation((int) $configuration['id'], 'product', $productId, (int) $pool['id']);

        $this->clientA = Fixtures::client();
        $this->clientB = Fixtures::client(['firstname' => 'Grace', 'email' => 'grace@example.test']);
        $this->serviceA1 = Fixtures::service($this->clientA, $productId, $serverId, ['domain' => 'a1.example.test']);
        $this->serviceA2 = Fixtures::service($this->clientA, $productId, $serverId,
            ['domain' => '<script>alert("a2")</script>']);
        $this->serviceB = Fixtures::service($this->clientB, $productId, $serverId, ['domain' => 'b.example.test']);
        foreach ([$this->serviceA1, $this->serviceA2, $this->serviceB] as $id) {
            self::assertSame('success', ModuleRunner::callModule($id, 'CreateAccount'));
        }
    }

    public function testTheLoggedInClientSeesItsOwnServicesAndIpsOnly(): void
    {
        $page = ClientArea::request('routerbridgeaddon', $this->clientA);

        self::assertTrue($page->returned['requirelogin']);
        self::assertSame('templates/clientarea', $page->returned['templatefile']);
        $vars = $page->vars();
        self::assertSame('', $vars['errorMessage']);
        self::assertTrue($vars['unassignAllowed']);
        self::assertSame([$this->serviceA1, $this->serviceA2], array_column($vars['services'], 'serviceId'));
        self::assertSame(['Cloud VPS', 'Cloud VPS'], array_column($vars['services'], 'product'));
        self::assertSame(['Active', 'Active'], array_column($vars['services'], 'status'));
        $a1 = $this->dedicatedIp($this->serviceA1);
        $b = $this->dedicatedIp($this->serviceB);
        self::assertSame([$a1], array_column($vars['services'][0]['addresses'], 'address'));
        self::assertSame($a1, $vars['services'][0]['dedicatedIp']);
        self::assertStringNotContainsString($b, json_encode($vars));

        $html = $page->html;
        self::assertStringContainsString("<code>{$a1}</code>", $html);
        self::assertStringContainsString('<code>' . $this->dedicatedIp($this->serviceA2) . '</code>', $html);
        self::assertStringContainsString('a1.example.test', $html);
        self::assertStringNotContainsString($b, $html);
        self::assertStringNotContainsString('b.example.test', $html);
        self::assertStringContainsString('<input type="hidden" name="token" value="' . ClientArea::$sessionToken . '">', $html);
        self::assertCount(2, $this->unassignForms($html));
        self::assertStringContainsString('label label-success', $html);
        // WHMCS escapes nothing for us: the template does.
        self::assertStringNotContainsString('<script>alert', $html);
        self::assertStringContainsString('&lt;script&gt;alert(&quot;a2&quot;)&lt;/script&gt;', $html);

        $other = ClientArea::request('routerbridgeaddon', $this->clientB)->vars();
        self::assertSame([$this->serviceB], array_column($other['services'], 'serviceId'));
        self::assertStringNotContainsString($a1, json_encode($other));
    }

    public function testTheClientUnassignsAnIpThroughThePageForm(): void
    {
        $a1 = $this->dedicatedIp($this->serviceA1);
        $form = $this->unassignForms(ClientArea::request('routerbridgeaddon', $this->clientA)->html)[0];
        self::assertSame((string) $this->serviceA1, $form['serviceid']);

        $page = ClientArea::request('routerbridgeaddon', $this->clientA, $form);

        self::assertSame('', $page->vars()['errorMessage']);
        self::assertSame("IP address {$a1} was unassigned from service #{$this->serviceA1}.", $page->vars()['successMessage']);
        self::assertStringContainsString('alert alert-success', $page->html);
        self::assertSame([], $page->vars()['services'][0]['addresses'], 'the list after the action no longer shows it');
        self::assertSame('', $this->dedicatedIp($this->serviceA1), 'tblhosting.dedicatedip cleared');
        self::assertSame([], self::$api->get("/assignments?status=assigned&serviceId={$this->serviceA1}"));
        $logged = self::$api->get("/logs?actorType=client&serviceId={$this->serviceA1}");
        self::assertCount(1, $logged);
        self::assertSame((string) $this->clientA, $logged[0]['actor']);
        self::assertSame('unassign', $logged[0]['action']);
        self::assertSame($a1, $logged[0]['address']);
        $this->assertUntouched($this->serviceB);
        $this->assertUntouched($this->serviceA2);

        // The same form sent again (a reload): nothing left to unassign, and the client is told so.
        $again = ClientArea::request('routerbridgeaddon', $this->clientA, $form);
        self::assertSame('no such IP on this service', $again->vars()['errorMessage']);
        self::assertCount(1, self::$api->get("/logs?actorType=client&serviceId={$this->serviceA1}"));
    }

    public function testAClientCannotUnassignAnotherClientsIp(): void
    {
        $bAssignment = self::$api->get("/assignments?status=assigned&serviceId={$this->serviceB}")[0]['id'];
        $token = ClientArea::$sessionToken;

        $viaOthersService = ClientArea::request('routerbridgeaddon', $this->clientA, ['token' => $token, 'action' => 'unassign',
            'serviceid' => (string) $this->serviceB, 'assignmentid' => (string) $bAssignment]);
        $viaOwnService = ClientArea::request('routerbridgeaddon', $this->clientA, ['token' => $token, 'action' => 'unassign',
            'serviceid' => (string) $this->serviceA1, 'assignmentid' => (string) $bAssignment]);

        self::assertSame('no such service', $viaOthersService->vars()['errorMessage']);
        self::assertSame('no such IP on this service', $viaOwnService->vars()['errorMessage']);
        self::assertStringContainsString('alert alert-danger', $viaOthersService->html);
        $this->assertUntouched($this->serviceB);
        $this->assertUntouched($this->serviceA1);
        self::assertSame([], self::$api->get("/logs?actorType=client&serviceId={$this->serviceB}"));
        self::assertSame([], self::$api->get("/logs?actorType=client&serviceId={$this->serviceA1}"));
    }

    public function testAPostWithoutTheSessionsTokenIsStoppedBeforeAnythingIsForwarded(): void
    {
        $form = $this->unassignForms(ClientArea::request('routerbridgeaddon', $this->clientA)->html)[0];
        Whmcs::$moduleLog = [];

        foreach ([array_diff_key($form, ['token' => true]), ['token' => str_repeat('0', 40)] + $form] as $forged) {
            $page = ClientArea::request('routerbridgeaddon', $this->clientA, $forged);
            self::assertSame('Invalid CSRF Protection Token', $page->halted);
        }
        $this->assertUntouched($this->serviceA1);
        self::assertSame([], Whmcs::$moduleLog);
    }

    public function testTheOperatorCanKeepClientsFromUnassigning(): void
    {
        $form = $this->unassignForms(ClientArea::request('routerbridgeaddon', $this->clientA)->html)[0];
        self::$api->raw('PUT', '/client-area/settings', ['clientUnassign' => false]);

        $page = ClientArea::request('routerbridgeaddon', $this->clientA);
        self::assertFalse($page->vars()['unassignAllowed']);
        self::assertSame([], $this->unassignForms($page->html));
        $posted = ClientArea::request('routerbridgeaddon', $this->clientA, $form);
        self::assertStringContainsString('turned off', $posted->vars()['errorMessage']);
        $this->assertUntouched($this->serviceA1);
    }

    public function testAServiceThatIsDownGivesAnHonestMessageInThePage(): void
    {
        $form = $this->unassignForms(ClientArea::request('routerbridgeaddon', $this->clientA)->html)[0];
        $url = self::deadServiceUrl();
        self::pointServiceAt($url, str_repeat('s', 40));
        Whmcs::$moduleLog = [];

        foreach ([null, $form] as $post) {
            $page = ClientArea::request('routerbridgeaddon', $this->clientA, $post);
            self::assertStringContainsString('cannot be shown or changed right now', $page->vars()['errorMessage']);
            self::assertSame([], $page->vars()['services']);
            self::assertStringContainsString('alert alert-danger', $page->html);
            self::assertStringNotContainsString($url, $page->html, 'the service address is for the admins');
        }
        self::assertStringContainsString("routerbridge service unreachable at {$url}", Whmcs::$moduleLog[0]['logged']['response']);

        // A wrong shared secret is the operator's problem: the client is not shown the service's reason either.
        $service = ServiceProcess::get();
        self::pointServiceAt($service->url, str_repeat('x', 48));
        $page = ClientArea::request('routerbridgeaddon', $this->clientA);
        self::assertStringContainsString('cannot be shown or changed right now', $page->vars()['errorMessage']);
        self::assertStringNotContainsString('secret', $page->html);
    }

    public function testVisitorsAreSentToTheLoginWithoutAskingTheService(): void
    {
        Whmcs::$moduleLog = [];
        $page = ClientArea::request('routerbridgeaddon', null);

        self::assertTrue($page->loginShown);
        self::assertSame([], $page->vars()['services']);
        self::assertSame([], Whmcs::$moduleLog);
    }

    private function dedicatedIp(int $serviceId): string
    {
        return Fixtures::serviceRow($serviceId)['dedicatedip'];
    }

    private function assertUntouched(int $serviceId): void
    {
        $ip = $this->dedicatedIp($serviceId);
        self::assertNotSame('', $ip);
        $held = self::$api->get("/assignments?status=assigned&serviceId={$serviceId}");
        self::assertSame([$ip], array_column($held, 'address'));
    }

    /** @return list<array<string,string>> the fields of each unassign form in the page, as a browser would post them */
    private function unassignForms(string $html): array
    {
        $document = new \DOMDocument();
        libxml_use_internal_errors(true);
        $document->loadHTML($html);
        libxml_clear_errors();
        $forms = [];
        foreach ($document->getElementsByTagName('form') as $form) {
            if (!str_contains($form->getAttribute('class'), 'routerbridge-unassign')) {
                continue;
            }
            self::assertSame('post', $form->getAttribute('method'));
            self::assertSame('index.php?m=routerbridgeaddon', $form->getAttribute('action'));
            $fields = [];
            foreach ($form->getElementsByTagName('input') as $input) {
                $fields[$input->getAttribute('name')] = $input->getAttribute('value');
            }
            $forms[] = $fields;
        }
        return $forms;
    }
}
