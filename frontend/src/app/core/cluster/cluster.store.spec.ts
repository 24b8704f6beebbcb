import { TestBed } from '@angular/core/testing';
import { of } from 'rxjs';
import { NodesService } from '../../api/services';
import { aNode, listOf } from '../../testing/fakes';
import { ClusterStore } from './cluster.store';

describe('ClusterStore', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: NodesService,
          useValue: {
            listNodes: () => of(listOf([aNode(), aNode({ node: 'pve2', status: 'offline' })])),
          },
        },
      ],
    });
  });

  it('loads the nodes and names the offline ones', async () => {
    const store = TestBed.inject(ClusterStore);
    await store.refresh();
    expect(store.nodes().map((n) => n.node)).toEqual(['pve1', 'pve2']);
    expect(store.offlineNodes()).toEqual(['pve2']);
    expect(store.fetchedAt()).not.toBeNull();
    expect(store.stale()).toBe(false);
  });

  it('saves the chosen node', () => {
    const store = TestBed.inject(ClusterStore);
    store.selectNode('pve2');
    expect(store.selectedNode()).toBe('pve2');
    expect(localStorage.getItem('pc.node')).toBe('pve2');
  });

  it('starts with the node chosen last time', () => {
    localStorage.setItem('pc.node', 'pve2');
    expect(TestBed.inject(ClusterStore).selectedNode()).toBe('pve2');
  });
});
