import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSelect, MatSelectChange } from '@angular/material/select';
import { By } from '@angular/platform-browser';
import { of } from 'rxjs';
import { UserDto } from '../../api/models';
import { AuthService, UsersService } from '../../api/services';
import { signIn } from '../../core/auth/auth.testing';
import UsersPageComponent from './users-page.component';

const users: UserDto[] = [
  { id: 1, username: 'root', role: 'admin', createdAt: '2026-11-20T00:00:00Z' },
  { id: 2, username: 'eve', role: 'viewer', createdAt: '2026-11-21T00:00:00Z' },
];

describe('UsersPageComponent', () => {
  it('lists users, keeps admins from deleting themselves and deletes after confirmation', async () => {
    const deleteUser = vi.fn(() => of(undefined));
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AuthService,
          useValue: { getMe: () => of({ username: 'root', role: 'admin', kind: 'session' }) },
        },
        { provide: UsersService, useValue: { listUsers: () => of(users), deleteUser } },
      ],
    });
    TestBed.overrideProvider(MatDialog, {
      useValue: { open: () => ({ afterClosed: () => of(true) }) },
    });
    await signIn();
    const fixture = TestBed.createComponent(UsersPageComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = [...el.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('td')?.textContent?.trim())).toEqual([
      'eve',
      'root (you)',
    ]);
    const deleteIn = (row: Element) =>
      [...row.querySelectorAll('button')].find((b) => b.textContent?.includes('Delete'))!;
    expect(deleteIn(rows[1]).disabled).toBe(true);
    deleteIn(rows[0]).click();
    await fixture.whenStable();
    expect(deleteUser).toHaveBeenCalledWith({ id: 2 });
    expect(el.querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('asks before a role change, and puts the old role back when cancelled or refused', async () => {
    const updateUser = vi.fn(({ id, body }: { id: number; body: { role: string } }) =>
      of({ ...users.find((u) => u.id === id)!, ...body }),
    );
    const answers = [false, true];
    const asked: string[] = [];
    TestBed.configureTestingModule({
      providers: [
        {
          provide: AuthService,
          useValue: { getMe: () => of({ username: 'root', role: 'admin', kind: 'session' }) },
        },
        { provide: UsersService, useValue: { listUsers: () => of(users), updateUser } },
      ],
    });
    TestBed.overrideProvider(MatDialog, {
      useValue: {
        open: (_: unknown, config: { data: { title: string } }) => {
          asked.push(config.data.title);
          return { afterClosed: () => of(answers.shift()) };
        },
      },
    });
    await signIn();
    const fixture = TestBed.createComponent(UsersPageComponent);
    await fixture.whenStable();
    const select = fixture.debugElement.queryAll(By.css('tbody mat-select'))[0]
      .componentInstance as MatSelect;
    const choose = async (role: string) => {
      select.value = role;
      select.selectionChange.emit({ source: select, value: role } as MatSelectChange);
      await fixture.whenStable();
      await new Promise((r) => setTimeout(r));
    };

    await choose('admin');
    expect(asked).toEqual(['Change the role of eve?']);
    expect(updateUser).not.toHaveBeenCalled();
    expect(select.value, 'cancelled: back to viewer').toBe('viewer');

    await choose('admin');
    expect(updateUser).toHaveBeenCalledWith({ id: 2, body: { role: 'admin' } });
    expect(select.value).toBe('admin');
  });
});
