import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconPlus, IconSend, IconShieldCheck, IconTargetArrow } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

/** "New": send a referral, register a deal with a vendor, or add to your own pipeline. */
export function NewDealMenu() {
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Button leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />}>
          New
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconSend size={16} />}
          renderRoot={(props) => <Link to="/deals/new" search={{ kind: 'referral' }} {...props} />}
        >
          Send referral
        </Menu.Item>
        <Menu.Item
          leftSection={<IconShieldCheck size={16} />}
          renderRoot={(props) => <Link to="/deals/new" search={{ kind: 'registration' }} {...props} />}
        >
          Register a deal
        </Menu.Item>
        <Menu.Item
          leftSection={<IconTargetArrow size={16} />}
          renderRoot={(props) => <Link to="/deals/new" search={{ kind: 'opportunity' }} {...props} />}
        >
          Add pipeline opportunity
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
